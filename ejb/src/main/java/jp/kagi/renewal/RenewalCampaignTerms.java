package jp.kagi.renewal;

import jp.kagi.issuance.RenewalTerms;

/** The issuance terms of campaign settings not yet stored (the preview), as {@link RenewalCampaign#terms()} does. */
record RenewalCampaignTerms(CampaignSettings settings) {

    RenewalTerms terms() {
        return new RenewalTerms(settings.validityMonths(), settings.completion().at(),
                CampaignSettings.Completion.isDate(settings.completion().text()), settings.reasonJa(),
                settings.reasonEn(), settings.noteJa(), settings.noteEn());
    }
}
