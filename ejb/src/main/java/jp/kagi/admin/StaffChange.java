package jp.kagi.admin;

import java.util.List;

/** A CA admin's change to a back-office user; a null field keeps its value. */
public record StaffChange(String role, List<String> customers, Boolean active) {
}
