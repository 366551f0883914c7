package jp.kagi.mail;

import java.util.Locale;

/**
 * KAGI_SMTP_STARTTLS: {@code required} sends only over a connection upgraded by STARTTLS; {@code opportunistic}
 * (or {@code true}) upgrades when the server offers it and otherwise sends in clear; {@code false}, the default,
 * never asks.
 */
enum StartTls {
    OFF, OPPORTUNISTIC, REQUIRED;

    static StartTls of(String setting) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "required" -> REQUIRED;
            case "opportunistic", "true" -> OPPORTUNISTIC;
            case "false", "off", "" -> OFF;
            default -> throw new IllegalStateException(
                    "KAGI_SMTP_STARTTLS must be required, opportunistic or false, not '" + setting + "'");
        };
    }
}
