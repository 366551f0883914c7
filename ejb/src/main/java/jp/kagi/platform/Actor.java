package jp.kagi.platform;

/** Who asks for a change and from where, for the audit log: an admin, an end user, or Kagi itself (timers). */
public record Actor(String name, String address) {

    public static final Actor SYSTEM = new Actor("system", null);

    public Actor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An actor needs a name");
        }
    }
}
