package jp.kagi.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import jp.kagi.customer.CustomerEdit;
import jp.kagi.customer.CustomerEditService;
import jp.kagi.customer.CustomerView;
import jp.kagi.customer.PolicyChange;
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;

/**
 * The edit form of /admin/customers (CA admins only): name (OU of future certificates), contact, mail overrides and
 * policy, saved together in one transaction. The form shows every field, so an empty one means "clear it".
 */
@Named
@ViewScoped
public class CustomerEditDesk implements Serializable {

    private static final long serialVersionUID = 1L;
    static final List<String> KEY_TYPES = List.of("RSA_2048", "RSA_3072", "EC_P256");

    @Inject
    CustomerEditService editor;

    @Inject
    AdminSession session;

    private String original;
    private String name;
    private String contactEmail;
    private String contactName;
    private String contactPhone;
    private String supportName;
    private String supportPhone;
    private String supportHours;
    private String manualUrl;
    private String lockAfterIssuance;
    private String lockAfterRetrieval;
    private String keyType;
    private boolean legacyPkcs12;
    private String firstValidityMonths;
    private String renewalValidityMonths;
    private String firstRenewalAfter;
    private String renewalEvery;

    public void start(CustomerView c) {
        try {
            // nothing is checked here: the form only shows what the list showed; the service checks the save
            original = c.name();
            name = c.name();
            contactEmail = c.contactEmail();
            contactName = nz(c.contactName());
            contactPhone = nz(c.contactPhone());
            supportName = nz(c.supportName());
            supportPhone = nz(c.supportPhone());
            supportHours = nz(c.supportHours());
            manualUrl = nz(c.manualUrl());
            lockAfterIssuance = c.lockAfterIssuance();
            lockAfterRetrieval = c.lockAfterRetrieval();
            keyType = c.keyType();
            legacyPkcs12 = c.legacyPkcs12();
            firstValidityMonths = Integer.toString(c.firstValidityMonths());
            renewalValidityMonths = Integer.toString(c.renewalValidityMonths());
            firstRenewalAfter = nz(c.firstRenewalAfter());
            renewalEvery = nz(c.renewalEvery());
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public void save() {
        try {
            // JSF may submit an emptied field as null, which the service reads as "keep": the form means "clear".
            CustomerEdit edit = new CustomerEdit(nz(name), nz(contactEmail), nz(contactName), nz(contactPhone),
                    nz(supportName), nz(supportPhone), nz(supportHours), nz(manualUrl));
            PolicyChange policy = new PolicyChange(nz(lockAfterIssuance), nz(lockAfterRetrieval), nz(keyType),
                    legacyPkcs12, months("firstValidityMonths", firstValidityMonths),
                    months("renewalValidityMonths", renewalValidityMonths), nz(firstRenewalAfter).strip(),
                    nz(renewalEvery).strip());
            CustomerView saved = editor.edit(session.actor(), session.getPrincipal(), original, edit, policy);
            Feedback.info("admin.customerSaved", List.of(saved.name()));
            original = null;
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public void cancel() {
        original = null;
    }

    static Integer months(String field, String text) {
        try {
            return Integer.valueOf(nz(text).strip());
        } catch (NumberFormatException e) {
            throw KagiException.invalid("error.validityMonths", field);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public boolean isEditing() {
        return original != null;
    }

    public String getOriginal() {
        return original;
    }

    public List<String> getKeyTypes() {
        return KEY_TYPES;
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

    public String getContactName() {
        return contactName;
    }

    public void setContactName(String contactName) {
        this.contactName = contactName;
    }

    public String getContactPhone() {
        return contactPhone;
    }

    public void setContactPhone(String contactPhone) {
        this.contactPhone = contactPhone;
    }

    public String getSupportName() {
        return supportName;
    }

    public void setSupportName(String supportName) {
        this.supportName = supportName;
    }

    public String getSupportPhone() {
        return supportPhone;
    }

    public void setSupportPhone(String supportPhone) {
        this.supportPhone = supportPhone;
    }

    public String getSupportHours() {
        return supportHours;
    }

    public void setSupportHours(String supportHours) {
        this.supportHours = supportHours;
    }

    public String getManualUrl() {
        return manualUrl;
    }

    public void setManualUrl(String manualUrl) {
        this.manualUrl = manualUrl;
    }

    public String getLockAfterIssuance() {
        return lockAfterIssuance;
    }

    public void setLockAfterIssuance(String lockAfterIssuance) {
        this.lockAfterIssuance = lockAfterIssuance;
    }

    public String getLockAfterRetrieval() {
        return lockAfterRetrieval;
    }

    public void setLockAfterRetrieval(String lockAfterRetrieval) {
        this.lockAfterRetrieval = lockAfterRetrieval;
    }

    public String getKeyType() {
        return keyType;
    }

    public void setKeyType(String keyType) {
        this.keyType = keyType;
    }

    public boolean isLegacyPkcs12() {
        return legacyPkcs12;
    }

    public void setLegacyPkcs12(boolean legacyPkcs12) {
        this.legacyPkcs12 = legacyPkcs12;
    }

    public String getFirstValidityMonths() {
        return firstValidityMonths;
    }

    public void setFirstValidityMonths(String firstValidityMonths) {
        this.firstValidityMonths = firstValidityMonths;
    }

    public String getRenewalValidityMonths() {
        return renewalValidityMonths;
    }

    public void setRenewalValidityMonths(String renewalValidityMonths) {
        this.renewalValidityMonths = renewalValidityMonths;
    }

    public String getFirstRenewalAfter() {
        return firstRenewalAfter;
    }

    public void setFirstRenewalAfter(String firstRenewalAfter) {
        this.firstRenewalAfter = firstRenewalAfter;
    }

    public String getRenewalEvery() {
        return renewalEvery;
    }

    public void setRenewalEvery(String renewalEvery) {
        this.renewalEvery = renewalEvery;
    }
}
