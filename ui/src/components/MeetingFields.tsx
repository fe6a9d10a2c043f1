// Fields the meeting forms share: the team members who took part, as checkboxes (the caller
// preset), and the place of a meeting from the API's vocabulary.
import { MEETING_PLACES, type MeetingPlace, type TeamPerson } from '../api';
import { t, type PlainMessageKey } from '../i18n';
import { todayInDenmark } from '../identifier';
import { dateError, dateFieldId, describedBy, type DateParts } from './fields';
import { FieldErrorMessage, type FieldError } from './ui';

export const meetingPlaceLabel = (place: MeetingPlace): string => t(`meetings.place.${place}` as PlainMessageKey);
export const meetingPlaceOptions = () => MEETING_PLACES.map((p) => ({ value: p, label: meetingPlaceLabel(p) }));

/** A fieldset of the team's members as checkboxes; the first box's id is `${id}-0`. */
export function MemberChecks({
  id,
  legend,
  team,
  chosen,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  team: TeamPerson[];
  chosen: number[];
  onChange: (chosen: number[]) => void;
  error?: string | undefined;
}) {
  const toggle = (person: number, on: boolean) =>
    onChange(on ? [...chosen.filter((p) => p !== person), person] : chosen.filter((p) => p !== person));
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={describedBy(id, undefined, error)}>
        <legend class="form-label">{legend}</legend>
        <FieldErrorMessage id={`${id}-error`} message={error} />
        {team.map((p, i) => (
          <div class="form-group-checkbox" key={p.id}>
            <input
              type="checkbox"
              class="form-checkbox"
              id={`${id}-${i}`}
              checked={chosen.includes(p.id)}
              onChange={(e) => toggle(p.id, e.currentTarget.checked)}
            />
            <label for={`${id}-${i}`}>{p.name}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** A single checkbox with its label. */
export function CheckBox({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <div class="form-group-checkbox">
      <input type="checkbox" class="form-checkbox" id={id} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <label for={id}>{label}</label>
    </div>
  );
}

/** The pointer of each team member the API may name (`/participants/N` is the Nth id sent) to its box. */
export function memberErrorFields(pointer: string, id: string, team: TeamPerson[], chosen: number[]): Record<string, string> {
  const fields: Record<string, string> = { [pointer]: `${id}-0` };
  chosen.forEach((person, n) => {
    const at = team.findIndex((p) => p.id === person);
    fields[`${pointer}/${n}`] = `${id}-${Math.max(0, at)}`;
  });
  return fields;
}

/** The errors of a meeting's or note's date: required, a real date, not after today. */
export function meetingDateErrors(date: DateParts, id: string): FieldError[] {
  const problem = dateError(date, { required: true, notAfter: todayInDenmark() });
  return problem ? [{ field: dateFieldId(id), message: problem }] : [];
}
