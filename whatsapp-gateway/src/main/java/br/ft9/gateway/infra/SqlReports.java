package br.ft9.gateway.infra;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.gateway.domain.ConversationReport;
import br.ft9.gateway.domain.NumberHealth;
import br.ft9.gateway.domain.ReportSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The conversation figures counted by PostgreSQL in two queries: conversations by the day they opened (with the
 * totals as the grouping set's last row), and each person's replies with the delay since the contact's message
 * before it; and each number's health from its recent messages.
 */
@ApplicationScoped
public class SqlReports implements ReportSource {

    /** The organisation's conversations opened in the period, one row per conversation with what the report needs. */
    private static final String CONVERSATIONS = """
            with c as (
                select (c.opened_at at time zone $2)::date as day, c.opened_at, c.closed_at,
                       (c.handoff_reason is not null or c.mode = 'HUMAN'
                        or exists (select 1 from message m where m.conversation_id = c.id and m.origin = 'agent')) as handed_off,
                       exists (select 1 from message m where m.conversation_id = c.id and m.origin = 'bot') as bot_answered,
                       (select min(m.sent_at) from message m where m.conversation_id = c.id and m.direction = 'IN') as first_in,
                       (select min(m.sent_at) from message m where m.conversation_id = c.id and m.direction = 'OUT'
                            and m.origin in ('bot', 'agent', 'flow')) as first_out,
                       (select min(m.sent_at) from message m where m.conversation_id = c.id and m.origin = 'agent') as first_agent
                from conversation c
                where c.org_id = $1 and c.opened_at >= ($3::date::timestamp at time zone $2)
                  and c.opened_at < (($4::date + 1)::timestamp at time zone $2)
            )
            select day, count(*) as opened,
                   count(*) filter (where bot_answered and not handed_off) as answered_by_assistant,
                   count(*) filter (where handed_off) as handed_off,
                   count(*) filter (where closed_at is not null) as closed,
                   percentile_cont(0.5) within group (order by extract(epoch from first_out - first_in))
                       filter (where first_out >= first_in) as first_response_median,
                   percentile_cont(0.9) within group (order by extract(epoch from first_out - first_in))
                       filter (where first_out >= first_in) as first_response_p90,
                   percentile_cont(0.5) within group (order by extract(epoch from first_agent - first_in))
                       filter (where first_agent >= first_in) as first_human_median,
                   percentile_cont(0.9) within group (order by extract(epoch from first_agent - first_in))
                       filter (where first_agent >= first_in) as first_human_p90,
                   percentile_cont(0.5) within group (order by extract(epoch from closed_at - opened_at))
                       filter (where closed_at is not null) as resolution_median,
                   percentile_cont(0.9) within group (order by extract(epoch from closed_at - opened_at))
                       filter (where closed_at is not null) as resolution_p90
            from c
            group by grouping sets ((day), ())
            order by day nulls last""";

    /** Each person's replies in the period, each measured from the contact's message just before it. */
    private static final String AGENTS = """
            with m as (
                select m.conversation_id, m.origin, m.sent_by_user_id, m.sent_at,
                       lag(m.direction) over w as previous_direction, lag(m.sent_at) over w as previous_at
                from message m join conversation c on c.id = m.conversation_id
                where c.org_id = $1 and m.sent_at >= ($2::date::timestamp at time zone $4)
                  and m.sent_at < (($3::date + 1)::timestamp at time zone $4)
                window w as (partition by m.conversation_id order by m.sent_at, m.created_at)
            )
            select sent_by_user_id, count(distinct conversation_id) as conversations, count(*) as replies,
                   percentile_cont(0.5) within group (order by extract(epoch from sent_at - previous_at))
                       filter (where previous_direction = 'IN') as delay_median,
                   percentile_cont(0.9) within group (order by extract(epoch from sent_at - previous_at))
                       filter (where previous_direction = 'IN') as delay_p90
            from m
            where origin = 'agent' and sent_by_user_id is not null
            group by sent_by_user_id
            order by replies desc""";

    private final Pool pool;

    public SqlReports(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<ConversationReport> conversations(UUID orgId, String timeZone, LocalDate from, LocalDate to) {
        Uni<List<Row>> conversations = pool.preparedQuery(CONVERSATIONS).execute(Tuple.of(orgId, timeZone, from, to))
                .map(SqlReports::rows);
        Uni<List<Row>> agents = pool.preparedQuery(AGENTS).execute(Tuple.of(orgId, from, to, timeZone)).map(SqlReports::rows);
        return Uni.combine().all().unis(conversations, agents).asTuple().map(both -> {
            ConversationReport.Figures totals = figures(null);
            List<ConversationReport.Day> days = new ArrayList<>();
            for (Row row : both.getItem1()) {
                LocalDate day = row.getLocalDate("day");
                if (day == null) {
                    totals = figures(row);
                } else {
                    days.add(new ConversationReport.Day(day, figures(row)));
                }
            }
            List<ConversationReport.Agent> people = both.getItem2().stream().map(row -> new ConversationReport.Agent(
                    row.getUUID("sent_by_user_id"), row.getLong("conversations"), row.getLong("replies"), seconds(row, "delay_median"),
                    seconds(row, "delay_p90"))).toList();
            return new ConversationReport(from, to, timeZone, totals, fill(days, from, to), people);
        });
    }

    /** Each number's last message in, last message Meta took, and last refusal, over the last 30 days. */
    private static final String NUMBERS = """
            select c.phone_number_id,
                   max(m.created_at) filter (where m.direction = 'IN') as last_received,
                   max(coalesce(m.status_at, m.sent_at)) filter (where m.direction = 'OUT'
                       and m.status in ('accepted', 'sent', 'delivered', 'read')) as last_sent,
                   max(m.status_at) filter (where m.direction = 'OUT' and m.status = 'failed') as last_error_at,
                   (array_agg(m.status_reason order by m.status_at desc nulls last)
                       filter (where m.direction = 'OUT' and m.status = 'failed'))[1] as last_error
            from message m join conversation c on c.id = m.conversation_id
            where c.org_id = $1 and m.created_at > now() - interval '30 days'
            group by c.phone_number_id""";

    @Override
    public Uni<List<NumberHealth>> numbers(UUID orgId) {
        return pool.preparedQuery(NUMBERS).execute(Tuple.of(orgId)).map(rows -> {
            List<NumberHealth> numbers = new ArrayList<>();
            rows.forEach(row -> numbers.add(new NumberHealth(row.getString("phone_number_id"), row.getOffsetDateTime("last_received"),
                    row.getOffsetDateTime("last_sent"), row.getOffsetDateTime("last_error_at"), row.getString("last_error"))));
            return numbers;
        });
    }

    /** Every day of the period, the quiet ones with zeros, so that charts and the CSV have no holes. */
    private static List<ConversationReport.Day> fill(List<ConversationReport.Day> counted, LocalDate from, LocalDate to) {
        List<ConversationReport.Day> all = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            LocalDate date = day;
            all.add(counted.stream().filter(d -> d.date().equals(date)).findFirst()
                    .orElse(new ConversationReport.Day(date, figures(null))));
        }
        return all;
    }

    private static ConversationReport.Figures figures(Row row) {
        if (row == null) {
            return new ConversationReport.Figures(0, 0, 0, 0, null, null, null, null, null, null);
        }
        return new ConversationReport.Figures(row.getLong("opened"), row.getLong("answered_by_assistant"), row.getLong("handed_off"),
                row.getLong("closed"), seconds(row, "first_response_median"), seconds(row, "first_response_p90"),
                seconds(row, "first_human_median"), seconds(row, "first_human_p90"), seconds(row, "resolution_median"),
                seconds(row, "resolution_p90"));
    }

    private static Long seconds(Row row, String column) {
        Double value = row.getDouble(column);
        return value == null ? null : Math.round(value);
    }

    private static List<Row> rows(io.vertx.mutiny.sqlclient.RowSet<Row> set) {
        List<Row> rows = new ArrayList<>();
        set.forEach(rows::add);
        return rows;
    }
}
