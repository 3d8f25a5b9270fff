package io.deltabridge.core.config;

import io.deltabridge.core.error.Problem;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Kafka client settings the bridge owns or needs for exactly once (SPEC §4, §5). Written in
 * {@code kafka:} or in a role's block they are refused with a located error, instead of being
 * silently replaced or, for a producer, breaking its transactions at the first run.
 */
final class ClientSettingRules {
    private record Rule(ClientRole role, String key, Predicate<String> allowed, String reason, String fix) {}

    private static final String TABLE_OFFSETS =
            "kafka → delta stores the offsets it read in the Delta commit, and the consumer " + "starts from those";
    private static final List<Rule> RULES = List.of(
            new Rule(
                    ClientRole.CONSUMER,
                    "enable.auto.commit",
                    "false"::equals,
                    TABLE_OFFSETS + "; the group's offsets are set after each commit, for lag tools only",
                    "remove it: the bridge sets `false`"),
            new Rule(
                    ClientRole.CONSUMER,
                    "isolation.level",
                    "read_committed"::equals,
                    "read_uncommitted would write records of transactions that are later aborted (delta → kafka's own among them)",
                    "remove it: the bridge sets `read_committed`"),
            new Rule(
                    ClientRole.CONSUMER,
                    "group.id",
                    v -> false,
                    "the consumer group of a mapping is `<bridge name>.<mapping name>`, which its instances share",
                    "remove it; rename the bridge or the mapping to use another group"),
            new Rule(
                    ClientRole.CONSUMER,
                    "auto.offset.reset",
                    v -> false,
                    TABLE_OFFSETS
                            + "; a partition without stored offset starts at `starting-offsets`, an offset no longer in the log "
                            + "is handled by `on-offset-gap`",
                    "remove it, and set `starting-offsets: earliest | latest` on the kafka → delta mapping"),
            new Rule(
                    ClientRole.PRODUCER,
                    "transactional.id",
                    v -> false,
                    "delta → kafka's transactional id is `<bridge name>.<mapping name>`: it is what fences a second instance of the mapping",
                    "remove it; rename the bridge or the mapping to use another id"),
            new Rule(
                    ClientRole.PRODUCER,
                    "enable.idempotence",
                    "true"::equals,
                    "transactions (delta → kafka) and dead-letter records without duplicates need the idempotent producer",
                    "remove it: the bridge sets `true`"),
            new Rule(
                    ClientRole.PRODUCER,
                    "acks",
                    v -> v.equals("all") || v.equals("-1"),
                    "the idempotent, transactional producer needs every in-sync replica to acknowledge (`acks: all`)",
                    "remove it: the bridge sets `all`"));

    private ClientSettingRules() {}

    /**
     * Records a problem for every setting in {@code settings} (written at {@code path}) that a rule of
     * one of {@code roles} refuses.
     */
    static void check(Map<String, String> settings, String path, Set<ClientRole> roles, Problems problems) {
        for (Rule rule : RULES) {
            String value = settings.get(rule.key());
            if (value != null
                    && roles.contains(rule.role())
                    && !rule.allowed().test(value.trim().toLowerCase(Locale.ROOT))) {
                problems.atValue(
                        ConfigTrees.child(path, rule.key()),
                        Problem.of("`%s: %s` would break exactly once", rule.key(), value)
                                .because("%s", rule.reason())
                                .fix("%s", rule.fix()));
            }
        }
    }
}
