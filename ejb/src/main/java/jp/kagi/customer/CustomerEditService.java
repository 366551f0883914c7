package jp.kagi.customer;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jp.kagi.audit.AuditLog;
import jp.kagi.mail.MailOverrides;
import jp.kagi.platform.Access;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.Inputs;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.OptionalInputs;

/**
 * Edits a customer: name (the OU of future certificates), contact, mail overrides and policy, all in one
 * transaction. Every field is checked before anything changes, and a refusal rolls the whole edit back.
 */
@Stateless
public class CustomerEditService {

    static final int MAX_AUDIT_DETAIL = 1000;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private CustomerService customers;

    @Inject
    private AuditLog audit;

    /** Applies {@code edit} and, unless null, {@code policy} (via {@link CustomerService#changePolicy}). */
    public CustomerView edit(Actor actor, CustomerScope who, String name, CustomerEdit edit, PolicyChange policy) {
        Access.caAdmin(who);
        if (edit == null && policy == null) {
            throw KagiException.invalid("error.required", "body");
        }
        Customer customer = customers.require(name);
        if (policy != null) {
            customers.changePolicy(actor, who, customer.name(), policy); // same transaction, same managed entity
        }
        if (edit != null) {
            apply(actor, customer, edit);
        }
        return customer.view();
    }

    private void apply(Actor actor, Customer customer, CustomerEdit edit) {
        String oldName = customer.name();
        String newName = edit.name() == null ? oldName : Inputs.organizationalUnit("name", edit.name());
        String email = edit.contactEmail() == null ? customer.contactEmail()
                : Inputs.email("contactEmail", edit.contactEmail());
        String contactName = edit.contactName() == null ? customer.contactName()
                : OptionalInputs.text("contactName", edit.contactName(), Inputs.MAX_DISPLAY_NAME);
        String contactPhone = edit.contactPhone() == null ? customer.contactPhone()
                : OptionalInputs.phone("contactPhone", edit.contactPhone());
        MailOverrides current = customer.mailOverrides();
        MailOverrides mail = new MailOverrides(
                edit.supportName() == null ? current.supportName()
                        : OptionalInputs.text("supportName", edit.supportName(), Inputs.MAX_DISPLAY_NAME),
                edit.supportPhone() == null ? current.supportPhone()
                        : OptionalInputs.phone("supportPhone", edit.supportPhone()),
                edit.supportHours() == null ? current.supportHours()
                        : OptionalInputs.text("supportHours", edit.supportHours(), OptionalInputs.MAX_HOURS),
                edit.manualUrl() == null ? current.manualUrl() : OptionalInputs.url("manualUrl", edit.manualUrl()));

        if (!newName.equals(oldName)) {
            rename(actor, customer, newName);
        }
        customer.changeContact(email, contactName, contactPhone);
        customer.changeMail(mail);
        audit.record(actor, "customer.edit", "customer", customer.name(), detail(customer.view()));
    }

    /**
     * Renames and moves the operators' scopes along (they are stored by name), so no operator loses or gains a
     * customer. Issued certificates keep the OU they were signed with.
     */
    private void rename(Actor actor, Customer customer, String newName) {
        if (customers.find(newName).isPresent()) {
            throw KagiException.conflict("error.customerExists", newName);
        }
        String oldName = customer.name();
        customer.rename(newName);
        em.flush(); // a concurrent rename to the same name fails here, on the unique constraint
        int scopes = em.createNativeQuery("UPDATE admin_user_customer SET customer_name = ?1 WHERE customer_name = ?2")
                .setParameter(1, newName).setParameter(2, oldName).executeUpdate();
        audit.record(actor, "customer.rename", "customer", oldName, "to " + newName + "; " + scopes + " operator scope(s)");
    }

    static String detail(CustomerView view) {
        String text = "contact " + view.contactEmail() + " / " + view.contactName() + " / " + view.contactPhone()
                + "; mail support " + view.supportName() + " / " + view.supportPhone() + " / " + view.supportHours()
                + "; manual " + view.manualUrl();
        return text.length() <= MAX_AUDIT_DETAIL ? text : text.substring(0, MAX_AUDIT_DETAIL);
    }
}
