package jp.kagi.customer;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.kagi.audit.AuditLog;
import jp.kagi.ca.KeyType;
import jp.kagi.platform.Access;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.Inputs;
import jp.kagi.platform.KagiException;

/** Creates and finds customers. Names are unique: they become OUs, and two customers must never share one. */
@Stateless
public class CustomerService {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditLog audit;

    public CustomerView create(Actor actor, CustomerScope who, String name, String contactEmail) {
        Access.caAdmin(who);
        String ou = Inputs.organizationalUnit("name", name);
        String contact = Inputs.email("contactEmail", contactEmail);
        if (find(ou).isPresent()) {
            throw KagiException.conflict("error.customerExists", ou);
        }
        Customer customer = new Customer(ou, contact, CustomerPolicy.defaults(), clock.instant());
        em.persist(customer);
        em.flush(); // a concurrent twin fails here on the unique name, inside this transaction
        audit.record(actor, "customer.create", "customer", ou, "contact " + contact);
        return customer.view();
    }

    /** Deactivates or reactivates a customer; existing certificates stay valid (revoke them to end them). */
    public CustomerView setActive(Actor actor, CustomerScope who, String name, boolean active) {
        Access.caAdmin(who);
        Customer customer = require(name);
        customer.setActive(active);
        audit.record(actor, active ? "customer.activate" : "customer.deactivate", "customer", customer.name(), null);
        return customer.view();
    }

    /** Changes a customer's policy; open retrieval requests keep the durations they were issued with. */
    public CustomerView changePolicy(Actor actor, CustomerScope who, String name, PolicyChange change) {
        Access.caAdmin(who);
        if (change == null) {
            throw KagiException.invalid("error.required", "body");
        }
        Customer customer = require(name);
        CustomerPolicy current = customer.policy();
        CustomerPolicy next = new CustomerPolicy(
                duration("lockAfterIssuance", change.lockAfterIssuance(), current.lockAfterIssuance()),
                duration("lockAfterRetrieval", change.lockAfterRetrieval(), current.lockAfterRetrieval()),
                keyType(change.keyType(), current.keyType()),
                change.legacyPkcs12() == null ? current.legacyPkcs12() : change.legacyPkcs12(),
                change.firstValidityMonths() == null ? current.firstValidityMonths() : change.firstValidityMonths(),
                change.renewalValidityMonths() == null ? current.renewalValidityMonths() : change.renewalValidityMonths());
        customer.changePolicy(next);
        RenewalCadence cadence = customer.renewal();
        customer.changeRenewal(new RenewalCadence(
                RenewalCadence.parse("firstRenewalAfter", change.firstRenewalAfter(), cadence.firstRenewalAfter()),
                RenewalCadence.parse("renewalEvery", change.renewalEvery(), cadence.renewalEvery())));
        audit.record(actor, "customer.policy", "customer", customer.name(), customer.view().toString());
        return customer.view();
    }

    private static Duration duration(String field, String text, Duration current) {
        if (text == null) {
            return current;
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw KagiException.invalid("error.duration", field);
        }
    }

    private static KeyType keyType(String text, KeyType current) {
        if (text == null) {
            return current;
        }
        try {
            return KeyType.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw KagiException.invalid("error.keyType");
        }
    }

    public Optional<Customer> find(String name) {
        return em.createNamedQuery("Customer.byName", Customer.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    public Customer require(String name) {
        if (name == null || name.isBlank()) {
            throw KagiException.invalid("error.required", "customer");
        }
        return find(name.strip()).orElseThrow(() -> KagiException.notFound("error.customerUnknown", name.strip()));
    }

    /** The customer if the caller may see it; another customer's is as absent as a missing one. */
    public Optional<CustomerView> view(CustomerScope who, String name) {
        Access.caller(who);
        return name == null ? Optional.empty() : find(name).filter(c -> who.maySee(c.name())).map(Customer::view);
    }

    /** The customers the caller may see, by name. */
    public List<CustomerView> list(CustomerScope who) {
        Access.caller(who);
        return em.createQuery("select c from Customer c order by c.name", Customer.class).getResultList().stream()
                .filter(c -> who.maySee(c.name())).map(Customer::view).toList();
    }
}
