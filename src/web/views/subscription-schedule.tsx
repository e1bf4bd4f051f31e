// When a subscription is mailed, in words and as form fields (hour, time zone, weekday, weekdays only), shared by the manage and settings pages.
import type { Schedule } from "../../subscriptions/schedule.js";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;

/** "daily at 08:00 (Europe/Berlin), weekdays only", "weekly on Monday at 08:00 (UTC)". */
export function describeSchedule(s: Schedule): string {
  const when = s.frequency === "daily" ? `daily at ${hh(s.sendHour)}` : `weekly on ${WEEKDAYS[s.sendWeekday - 1]} at ${hh(s.sendHour)}`;
  return `${when} (${s.timeZone})${s.frequency === "daily" && s.weekdaysOnly ? ", weekdays only" : ""}`;
}

/** The fields of a schedule; `id` keeps element ids unique when a page has several forms. */
export function ScheduleFields(props: { id: string; schedule?: Schedule | undefined; withFrequency?: boolean; defaultTimeZone: string }) {
  const s = props.schedule;
  const id = (name: string) => `${props.id}-${name}`;
  return (
    <fieldset class="filters">
      <legend>When</legend>
      {props.withFrequency ? (
        <label>
          How often
          <select name="frequency">
            <option value="daily" selected={s?.frequency !== "weekly"}>Daily</option>
            <option value="weekly" selected={s?.frequency === "weekly"}>Weekly</option>
          </select>
        </label>
      ) : null}
      <label for={id("hour")}>
        Hour
        <select id={id("hour")} name="sendHour">
          {Array.from({ length: 24 }, (_, h) => (
            <option value={String(h)} selected={h === (s?.sendHour ?? 8)}>
              {hh(h)}
            </option>
          ))}
        </select>
      </label>
      <label for={id("tz")}>
        Time zone
        <input id={id("tz")} type="text" name="timeZone" value={s?.timeZone ?? props.defaultTimeZone} size={18} maxlength={64} placeholder="Europe/Berlin" />
      </label>
      {!s || s.frequency === "weekly" || props.withFrequency ? (
        <label for={id("weekday")}>
          Weekly on
          <select id={id("weekday")} name="sendWeekday">
            {WEEKDAYS.map((d, i) => (
              <option value={String(i + 1)} selected={i + 1 === (s?.sendWeekday ?? 1)}>
                {d}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {!s || s.frequency === "daily" || props.withFrequency ? (
        <label class="check">
          <input type="checkbox" name="weekdaysOnly" value="1" checked={s?.weekdaysOnly ?? false} />
          Daily: weekdays only
        </label>
      ) : null}
    </fieldset>
  );
}
