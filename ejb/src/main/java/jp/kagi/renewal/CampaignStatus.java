package jp.kagi.renewal;

import java.util.Set;

/** A campaign's life: written (DRAFT), issuing (LAUNCHING), waiting for its users (RUNNING), then ended. */
public enum CampaignStatus {
    DRAFT, LAUNCHING, RUNNING, COMPLETED, CANCELLED;

    /** The states in which a campaign holds its accounts: another campaign may not take them. */
    public static final Set<CampaignStatus> HOLDING = Set.of(DRAFT, LAUNCHING, RUNNING);

    /** The states in which reminders and "remind now" make sense. */
    public boolean reminds() {
        return this == LAUNCHING || this == RUNNING;
    }
}
