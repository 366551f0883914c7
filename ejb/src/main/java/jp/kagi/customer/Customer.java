package jp.kagi.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import jp.kagi.mail.MailOverrides;
import jp.kagi.platform.DurationConverter;

/** An organization served by the CA team; its name is the OU of every certificate its users receive. */
@Entity
@Table(name = "customer")
@NamedQuery(name = "Customer.byName", query = "select c from Customer c where c.name = :name")
public class Customer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "contact_email", nullable = false)
    private String contactEmail;

    @Column(name = "contact_name")
    private String contactName;

    @Column(name = "contact_phone")
    private String contactPhone;

    @Column(nullable = false)
    private boolean active;

    // Per-customer overrides of the global mail settings; null = use the global one.
    @Column(name = "mail_support_name")
    private String mailSupportName;

    @Column(name = "mail_support_phone")
    private String mailSupportPhone;

    @Column(name = "mail_support_hours")
    private String mailSupportHours;

    @Column(name = "mail_manual_url")
    private String mailManualUrl;

    @Embedded
    private CustomerPolicy policy;

    @Embedded
    private RenewalCadence renewal;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Customer() {
    }

    public Customer(String name, String contactEmail, CustomerPolicy policy, Instant createdAt) {
        this.name = name;
        this.contactEmail = contactEmail;
        this.policy = policy;
        this.renewal = RenewalCadence.defaults();
        this.active = true;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String contactEmail() {
        return contactEmail;
    }

    public boolean isActive() {
        return active;
    }

    public CustomerPolicy policy() {
        return policy;
    }

    /** A deactivated customer gets no new accounts or certificates, and its users cannot sign in. */
    public void setActive(boolean active) {
        this.active = active;
    }

    public void changePolicy(CustomerPolicy newPolicy) {
        this.policy = newPolicy;
    }

    /** When this customer's users are due for renewal (P1Y after the first certificate, then every P3Y). */
    public RenewalCadence renewal() {
        return renewal == null ? RenewalCadence.defaults() : renewal;
    }

    void changeRenewal(RenewalCadence cadence) {
        this.renewal = cadence;
    }

    /** The OU of future certificates; certificates already issued keep the subject they were signed with. */
    void rename(String newName) {
        this.name = newName;
    }

    void changeContact(String email, String name, String phone) {
        this.contactEmail = email;
        this.contactName = name;
        this.contactPhone = phone;
    }

    void changeMail(MailOverrides overrides) {
        this.mailSupportName = overrides.supportName();
        this.mailSupportPhone = overrides.supportPhone();
        this.mailSupportHours = overrides.supportHours();
        this.mailManualUrl = overrides.manualUrl();
    }

    public String contactName() {
        return contactName;
    }

    public String contactPhone() {
        return contactPhone;
    }

    /** What this customer's users' mails say instead of the global support desk and manual. */
    public MailOverrides mailOverrides() {
        return new MailOverrides(mailSupportName, mailSupportPhone, mailSupportHours, mailManualUrl);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public CustomerView view() {
        return new CustomerView(name, contactEmail, active, DurationConverter.iso(policy.lockAfterIssuance()),
                DurationConverter.iso(policy.lockAfterRetrieval()), policy.keyType().name(), policy.legacyPkcs12(),
                policy.firstValidityMonths(), policy.renewalValidityMonths(), createdAt, contactName, contactPhone,
                mailSupportName, mailSupportPhone, mailSupportHours, mailManualUrl,
                renewal().firstRenewalAfter().toString(), renewal().renewalEvery().toString());
    }
}
