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
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;

/** Back-office users (CA admins only): who may sign in to /admin/, in which role and, for operators, for whom. */
@Named
@ViewScoped
public class StaffDesk implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AdminService admins;

    @Inject
    AdminSession session;

    private String userId;
    private String password;
    private String role = AdminRole.OPERATOR.name();
    private List<String> customers = new ArrayList<>();

    public List<AdminPrincipal> getStaff() {
        return session.isCaAdmin() ? admins.list(session.getPrincipal()) : List.of(); // what the screen shows
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
