package jp.kagi.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.admin.AdminRole;
import jp.kagi.admin.AdminService;
import jp.kagi.admin.PasswordChange;
import jp.kagi.admin.StaffAccounts;
import jp.kagi.admin.StaffChange;
import jp.kagi.admin.StaffView;
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;

/**
 * Back-office users (CA admins only): who may sign in to /admin/, in which role and, for operators, for whom;
 * changing that, disabling a user, and resetting a user's password (which its owner must change at next sign-in).
 */
@Named
@ViewScoped
public class StaffDesk implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AdminService admins;

    @Inject
    StaffAccounts staff;

    @Inject
    AdminSession session;

    private String editing;
    private String editRole;
    private List<String> editCustomers = new ArrayList<>();
    private boolean editActive;
    private String resetPassword;

    private String userId;
    private String password;
    private String role = AdminRole.OPERATOR.name();
    private List<String> customers = new ArrayList<>();

    public List<StaffView> getStaff() {
        return session.isCaAdmin() ? admins.list(session.getPrincipal()) : List.of();
    }

    /** Opens the edit form for one user, filled with what is stored now. */
    public void edit(StaffView who) {
        editing = who.userId();
        editRole = who.role().name();
        editCustomers = new ArrayList<>(new java.util.TreeSet<>(who.customers()));
        editActive = who.active();
        resetPassword = null;
    }

    public void save() {
        try {
            StaffView saved = staff.update(session.getPrincipal(), session.actor(), editing,
                    new StaffChange(editRole, editCustomers, editActive));
            Feedback.info("admin.staffSaved", List.of(saved.userId()));
            editing = null;
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public void reset() {
        try {
            staff.changePassword(session.getPrincipal(), session.actor(), editing, new PasswordChange(null, resetPassword));
            Feedback.info("admin.staffPasswordReset", List.of(editing));
            editing = null;
        } catch (KagiException e) {
            Feedback.error(e);
        } finally {
            resetPassword = null;
        }
    }

    public void cancel() {
        editing = null;
        resetPassword = null;
    }

    public String customersOf(StaffView who) {
        return String.join(", ", new java.util.TreeSet<>(who.customers()));
    }

    public void create() {
        try {
            AdminPrincipal created = admins.create(session.actor(), session.getPrincipal(), userId, password, role, customers);
            Feedback.info("admin.staffCreated", List.of(created.userId(), created.role().name()));
            userId = null;
            customers = new ArrayList<>();
        } catch (KagiException e) {
            Feedback.error(e);
        } finally {
            password = null; // never kept in the view, whatever happened
        }
    }

    public String customersOf(AdminPrincipal who) {
        return String.join(", ", new java.util.TreeSet<>(who.customers()));
    }

    public List<String> getRoles() {
        return java.util.Arrays.stream(AdminRole.values()).map(Enum::name).toList();
    }

    public String getEditing() {
        return editing;
    }

    public String getEditRole() {
        return editRole;
    }

    public void setEditRole(String editRole) {
        this.editRole = editRole;
    }

    public List<String> getEditCustomers() {
        return editCustomers;
    }

    public void setEditCustomers(List<String> editCustomers) {
        this.editCustomers = editCustomers == null ? new ArrayList<>() : new ArrayList<>(editCustomers);
    }

    public boolean isEditActive() {
        return editActive;
    }

    public void setEditActive(boolean editActive) {
        this.editActive = editActive;
    }

    public String getResetPassword() {
        return resetPassword;
    }

    public void setResetPassword(String resetPassword) {
        this.resetPassword = resetPassword;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public List<String> getCustomers() {
        return customers;
    }

    public void setCustomers(List<String> customers) {
        this.customers = customers == null ? new ArrayList<>() : new ArrayList<>(customers);
    }
}
