package io.baton.domain.schedule;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * Walks the wall times of an rrule set in ascending order the way dateutil's {@code rruleset} does:
 * the union of all RRULEs and RDATEs, equal times once, minus EXDATEs and EXRULE times.
 */
final class RecurrenceSetWalk {

    /** A source of ascending wall times; {@code head} is {@code null} once exhausted. */
    private static final class Source {
        private final RecurrenceRuleIterator iterator;
        private final LocalDateTime until;
        private final java.util.Iterator<LocalDateTime> fixed;
        LocalDateTime head;

        Source(RecurrenceRuleIterator iterator, LocalDateTime until) {
            this.iterator = iterator;
            this.until = until;
            this.fixed = null;
            advance();
        }

        Source(List<LocalDateTime> dates) {
            this.iterator = null;
            this.until = null;
            this.fixed = dates.stream().sorted().iterator();
            advance();
        }

        void advance() {
            if (fixed != null) {
                head = fixed.hasNext() ? fixed.next() : null;
                return;
            }
            head = null;
            if (iterator.hasNext()) {
                LocalDateTime next = wall(iterator.nextDateTime());
                head = until != null && next.isAfter(until) ? null : next;
            }
        }
    }

    private final PriorityQueue<Source> includes = new PriorityQueue<>((a, b) -> a.head.compareTo(b.head));
    private final List<Source> excludeRules = new ArrayList<>();
    private final Set<LocalDateTime> excludeDates;
    private LocalDateTime last;

    /** @param skipBefore wall times before this are of no interest; rules may jump ahead to it */
    RecurrenceSetWalk(RRuleText text, LocalDateTime skipBefore) {
        LocalDateTime dtstart = text.dtstart() != null ? text.dtstart() : RRuleSchedule.DEFAULT_DTSTART;
        if (text.dtstart() == null && text.rules().stream().anyMatch(RRuleText.Rule::untilAware)) {
            // Prefect generates from a naive 2020-01-01 DTSTART, which dateutil refuses to pair with
            // a UTC UNTIL: such a schedule validates but can never produce dates
            throw new IllegalStateException(
                    "RRULE UNTIL values must be specified in UTC when DTSTART is timezone-aware");
        }
        for (RRuleText.Rule rule : text.rules()) {
            offer(includes, ruleSource(rule, dtstart, skipBefore));
        }
        offer(includes, new Source(text.rdates()));
        for (RRuleText.Rule rule : text.exrules()) {
            excludeRules.add(ruleSource(rule, dtstart, skipBefore));
        }
        excludeDates = new HashSet<>(text.exdates());
    }

    /** The next wall time of the set, or {@code null} when it is exhausted. */
    LocalDateTime next() {
        while (!includes.isEmpty()) {
            Source source = includes.poll();
            LocalDateTime candidate = source.head;
            source.advance();
            offer(includes, source);
            if (candidate.equals(last)) {
                continue;
            }
            last = candidate;
            if (!excluded(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private boolean excluded(LocalDateTime candidate) {
        if (excludeDates.contains(candidate)) {
            return true;
        }
        boolean hit = false;
        for (Source rule : excludeRules) {
            while (rule.head != null && rule.head.isBefore(candidate)) {
                rule.advance();
            }
            hit = hit || candidate.equals(rule.head);
        }
        return hit;
    }

    private static Source ruleSource(RRuleText.Rule rule, LocalDateTime dtstart, LocalDateTime skipBefore) {
        RecurrenceRuleIterator iterator = rule.recurrence().iterator(floating(dtstart));
        if (skipBefore.isAfter(dtstart)) {
            // lib-recur still counts the skipped instances, so COUNT keeps its meaning
            iterator.fastForward(floating(skipBefore));
        }
        return new Source(iterator, rule.until());
    }

    private static void offer(PriorityQueue<Source> queue, Source source) {
        if (source.head != null) {
            queue.add(source);
        }
    }

    private static DateTime floating(LocalDateTime wall) {
        return new DateTime(wall.getYear(), wall.getMonthValue() - 1, wall.getDayOfMonth(), wall.getHour(),
                wall.getMinute(), wall.getSecond());
    }

    private static LocalDateTime wall(DateTime dateTime) {
        if (dateTime.isAllDay()) {
            return LocalDateTime.of(dateTime.getYear(), dateTime.getMonth() + 1, dateTime.getDayOfMonth(), 0, 0);
        }
        return LocalDateTime.of(dateTime.getYear(), dateTime.getMonth() + 1, dateTime.getDayOfMonth(),
                dateTime.getHours(), dateTime.getMinutes(), dateTime.getSeconds());
    }
}
