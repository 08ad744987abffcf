package org.dadiff4j;

/** A setting out of its range or inconsistent with another; the message names the setting. */
public class SettingsException extends DadiffException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    /** @param setting the setting's name, as in the builders ("scale", "steps", ...) */
    public SettingsException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The name of the setting at fault. */
    public String setting() {
        return setting;
    }
}
