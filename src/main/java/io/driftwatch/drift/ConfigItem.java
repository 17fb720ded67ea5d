package io.driftwatch.drift;

import java.util.Map;

/**
 * One setting of a configuration object, the unit drift is judged in: a role grant to one subject, one ingress
 * rule, the image of one container, one risky runtime parameter, the failure policy of one webhook.
 *
 * @param aspect     what kind of setting (see {@link io.driftwatch.event.ConfigDrift})
 * @param key        which setting within its object; approved and running items with the same key are compared
 * @param value      the setting in words; two items with the same key and value are the same setting
 * @param attributes the setting's parts, for rules
 */
public record ConfigItem(String aspect, String key, String value, Map<String, Object> attributes) {
}
