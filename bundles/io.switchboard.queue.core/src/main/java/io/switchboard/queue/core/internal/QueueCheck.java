package io.switchboard.queue.core.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.switchboard.queue.api.CallQueue;

/** What a queue must be before it is stored: each fault named, with the field it is in. */
final class QueueCheck {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.+-]{1,32}");
    /** A skill's name: a word, as an admin writes it in a queue and on agents. */
    static final Pattern SKILL = Pattern.compile("[a-z0-9_-]{1,32}");
    /** The path of agents' skills in the API: no queue takes its name. */
    static final String SKILLS = "skills";
    static final int MAX_LEVEL = 10;
    static final int MAX_SKILLS = 50;
    static final int MAX_MEMBERS = 200;
    static final int MAX_REASON = 128;

    private final Predicate<String> isUser;
    private final Predicate<String> isMusic;
    private final Function<String, String> outside;

    /**
     * @param isMusic whether a music class has pieces (or is the default, the built-in music until it has)
     * @param outside why a name that is no user cannot be an outside agent, or null when an outbound route takes it
     */
    QueueCheck(Predicate<String> isUser, Predicate<String> isMusic, Function<String, String> outside) {
        this.isUser = isUser;
        this.isMusic = isMusic;
        this.outside = outside;
    }

    /** @throws IllegalArgumentException naming why the agent is neither a user nor an outside number */
    void agent(String field, String agent) {
        if (agent == null || agent.isBlank()) {
            throw new IllegalArgumentException(field + ": an agent is a user or an outside number");
        }
        if (!isUser.test(agent)) {
            String why = outside.apply(agent);
            if (why != null) {
                throw new IllegalArgumentException(field + ": " + agent + " is no user, nor an outside number ("
                        + why + ")");
            }
        }
    }

    /**
     * @param musicKept whether the queue names the music class it named before, which is then not asked for
     * @throws IllegalArgumentException naming the first fault
     */
    void check(CallQueue q, boolean musicKept) {
        if (q.name() == null || !NAME.matcher(q.name()).matches()) {
            throw new IllegalArgumentException("name: letters, digits, '.', '_', '+', '-', at most 32 ('600')");
        }
        if (q.name().equals(SKILLS)) {
            throw new IllegalArgumentException("name: " + SKILLS + " is the API's (/queues/skills)");
        }
        if (isUser.test(q.name())) {
            throw new IllegalArgumentException("name: " + q.name() + " is a user's: calls to it would ring the user");
        }
        if (q.members().size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("members: at most " + MAX_MEMBERS);
        }
        if (q.members().isEmpty() && !q.dynamic()) {
            throw new IllegalArgumentException("members: a queue that takes no logins needs a member");
        }
        for (String m : q.members()) {
            agent("members", m);
        }
        if (new HashSet<>(q.members()).size() != q.members().size()) {
            throw new IllegalArgumentException("members: an agent is named twice");
        }
        range("ringSeconds", q.ringSeconds(), 5, 300);
        range("wrapUpSeconds", q.wrapUpSeconds(), 0, 600);
        range("maxWaitSeconds", q.maxWaitSeconds(), 10, 7200);
        range("maxCallers", q.maxCallers(), 1, 1000);
        if (q.announceSeconds() != 0) {
            range("announceSeconds", q.announceSeconds(), 15, 600);
        }
        if (q.overflow() != null && (q.overflow().isBlank() || q.overflow().length() > 128
                || q.overflow().equals(q.name()))) {
            throw new IllegalArgumentException("overflow: a user, group, menu, other queue or voicemail:USER, at most "
                    + "128 characters, not the queue itself");
        }
        if (q.skill() != null && !SKILL.matcher(q.skill()).matches()) {
            throw new IllegalArgumentException("skill: lower-case letters, digits, '_', '-', at most 32 ('french'), "
                    + "not " + q.skill());
        }
        if (q.strategy() == CallQueue.Strategy.SKILL && q.skill() == null) {
            throw new IllegalArgumentException("skill: the SKILL strategy rings by the skill the callers need: "
                    + "name it");
        }
        if (q.music() != null && !musicKept && !isMusic.test(q.music())) {
            throw new IllegalArgumentException("music: no music class " + q.music() + " (store its pieces first: PUT "
                    + "/music/" + q.music() + "/{piece})");
        }
        if (q.description() != null && q.description().length() > 255) {
            throw new IllegalArgumentException("description: at most 255 characters");
        }
    }

    /** @return the user's skills as stored, checked: each named as {@link #SKILL}, its level 1 to 10 */
    Map<String, Integer> skills(String user, Map<String, Integer> skills) {
        agent("user", user);
        if (skills.size() > MAX_SKILLS) {
            throw new IllegalArgumentException("skills: at most " + MAX_SKILLS);
        }
        Map<String, Integer> out = new TreeMap<>();
        skills.forEach((skill, level) -> {
            if (skill == null || !SKILL.matcher(skill).matches()) {
                throw new IllegalArgumentException("skills: lower-case letters, digits, '_', '-', at most 32 "
                        + "('french'), not " + skill);
            }
            if (level == null || level < 1 || level > MAX_LEVEL) {
                throw new IllegalArgumentException("skills: " + skill + "'s level is 1 to " + MAX_LEVEL + ", not "
                        + level);
            }
            out.put(skill, level);
        });
        return out;
    }

    /** @return the pause's reason as stored: trimmed, null when blank */
    String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason: at most " + MAX_REASON + " characters");
        }
        return reason.trim();
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": " + min + " to " + max + ", not " + value);
        }
    }
}
