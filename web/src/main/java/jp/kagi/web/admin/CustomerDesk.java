package jp.kagi.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import jp.kagi.customer.CustomerService;
import jp.kagi.customer.CustomerView;
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;

/** Customers: the list an admin may see, and a new customer (CA admins only). */
@Named
@ViewScoped
public class CustomerDesk implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    CustomerService customers;

    @Inject
    AdminSession session;

    private String name;
    private String contactEmail;

    public List<CustomerView> getCustomers() {
        return customers.list(session.getPrincipal());
    }

    public void create() {
        try {
            CustomerView created = customers.create(session.actor(), session.getPrincipal(), name, contactEmail);
            Feedback.info("admin.customerCreated", List.of(created.name()));
            name = null;
            contactEmail = null;
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public void setActive(CustomerView customer, boolean active) {
        try {
            customers.setActive(session.actor(), session.getPrincipal(), customer.name(), active);
            Feedback.info(active ? "admin.customerActivated" : "admin.customerDeactivated", List.of(customer.name()));
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getContactEmail() {
        return contactEmail;
    }

    public void setContactEmail(String contactEmail) {
        this.contactEmail = contactEmail;
    }
}
