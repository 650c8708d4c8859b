package br.ft9.tenant.domain;

import java.util.regex.Pattern;

import br.ft9.common.errors.InvalidField;

/** A WhatsApp number as Meta's Business Manager shows it, checked field by field. */
public record NewChannel(String phoneNumberId, String displayPhoneNumber, String wabaId, String accessToken) {

    private static final Pattern META_ID = Pattern.compile("\\d{5,32}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{5,31}");
    private static final Pattern TOKEN = Pattern.compile("\\S{20,1024}");

    public NewChannel {
        if (phoneNumberId == null || !META_ID.matcher(phoneNumberId).matches()) {
            throw new InvalidField("phoneNumberId", "phoneNumberId is Meta's numeric id of the number (5 to 32 digits)");
        }
        if (displayPhoneNumber == null || !PHONE.matcher(displayPhoneNumber).matches()) {
            throw new InvalidField("displayPhoneNumber", "displayPhoneNumber is a phone number such as +55 11 91234-5678");
        }
        if (wabaId == null || !META_ID.matcher(wabaId).matches()) {
            throw new InvalidField("wabaId", "wabaId is the numeric WhatsApp Business Account id (5 to 32 digits)");
        }
        if (accessToken == null || !TOKEN.matcher(accessToken).matches()) {
            throw new InvalidField("accessToken", "accessToken is the Graph API token: 20 to 1024 characters, no spaces");
        }
    }
}
