// The questionnaires recorded (newest first, corrections marked, with the
// reason on a correction), per current row the action to correct it, and the
// trajectory chart of PHQ-9 and GAD-7.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Assessment, Assessments } from '../api';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { bandLabel, instrumentName, occasionLabel } from '../labels';
import { AssessmentCorrection } from './AssessmentCorrection';
import { FlagTags, NoValue } from './fields';
import { TrajectoryChart } from './TrajectoryChart';
import { Alert, Cell } from './ui';

export function AssessmentHistory({
  enrolmentId,
  assessments,
  onCorrected,
  children,
}: {
  enrolmentId: number;
  assessments: Assessments;
  /** After a correction is saved, or refused because the row was corrected meanwhile: reload. */
  onCorrected: () => void;
  /** Shown under the heading: the button (and form) to record a questionnaire. */
  children?: ComponentChildren;
}) {
  const headingId = `assessments-${enrolmentId}-heading`;
  const chartHeadingId = `assessments-${enrolmentId}-chart-heading`;
  const noticeId = `assessments-${enrolmentId}-notice`;
  const correctButtonId = (id: number) => `assessments-${enrolmentId}-correct-${id}`;
  const baselines = new Set(Object.values(assessments.baseline));
  const items = [...assessments.items].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id));
  const hasTrajectory = assessments.items.some((a) => a.current && (a.instrument === 'phq9' || a.instrument === 'gad7'));

  const [correcting, setCorrecting] = useState<Assessment | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  // The element to focus once the next render is on screen (the form's own heading focuses itself).
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  useEffect(() => {
    if (focusTarget === null) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const open = (a: Assessment) => {
    setNotice(null);
    setCorrecting(a);
  };
  const cancel = () => {
    if (correcting) setFocusTarget(correctButtonId(correcting.id));
    setCorrecting(null);
  };
  const saved = (name: string, total: number) => {
    setCorrecting(null);
    setNotice({ kind: 'success', text: t('correction.saved', { instrument: name, total }) });
    setFocusTarget(noticeId);
    onCorrected();
  };
  const conflict = () => {
    if (!correcting) return;
    const what = { instrument: instrumentName(correcting.instrument), date: formatDate(correcting.date) };
    setCorrecting(null);
    setNotice({ kind: 'error', text: t('correction.conflict', what) });
    setFocusTarget(noticeId);
    onCorrected();
  };

  const col = {
    date: t('common.date'),
    instrument: t('assessments.col.instrument'),
    occasion: t('assessments.col.occasion'),
    total: t('assessments.col.total'),
    band: t('assessments.col.band'),
    flags: t('assessments.col.flags'),
    by: t('assessments.col.by'),
    actions: t('assessments.col.actions'),
  };
  return (
    <>
      <section class="treatment-block" aria-labelledby={headingId}>
        <h4 id={headingId}>{t('assessments.heading')}</h4>
        {children}
        {notice ? (
          <div id={noticeId} tabIndex={-1} class="focus-target">
            <Alert kind={notice.kind} live={notice.kind === 'error' ? 'alert' : 'status'}>
              <p class="alert-text">{notice.text}</p>
            </Alert>
          </div>
        ) : null}
        {items.length === 0 ? (
          <p>{t('assessments.empty')}</p>
        ) : (
          <table class="table table--compact table-md-responsive-headers" id={`assessments-${enrolmentId}`}>
              <caption>{t('assessments.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{col.date}</th>
                  <th scope="col">{col.instrument}</th>
                  <th scope="col">{col.occasion}</th>
                  <th scope="col">{col.total}</th>
                  <th scope="col">{col.band}</th>
                  <th scope="col">{col.flags}</th>
                  <th scope="col">{col.by}</th>
                  <th scope="col">{col.actions}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr
                    key={a.id}
                    class={a.current ? undefined : 'assessment-corrected'}
                    data-assessment={a.id}
                    data-current={a.current ? 'true' : 'false'}
                  >
                    <Cell title={col.date}>{formatDate(a.date)}</Cell>
                    <Cell title={col.instrument}>
                      {instrumentName(a.instrument)}{' '}
                      {!a.current ? <span class="tag tag-static">{t('assessments.corrected')}</span> : null}
                      {a.corrects ? <span class="tag tag-static">{t('assessments.correction')}</span> : null}
                      {baselines.has(a.id) ? <span class="tag tag-static">{t('assessments.baseline')}</span> : null}
                      {a.corrects && a.reason ? (
                        <span class="assessment-reason">{t('assessments.reason', { reason: a.reason })}</span>
                      ) : null}
                    </Cell>
                    <Cell title={col.occasion}>{occasionLabel(a.occasion)}</Cell>
                    <Cell title={col.total}>{a.current ? a.total : <del>{a.total}</del>}</Cell>
                    <Cell title={col.band}>{a.band ? bandLabel(a.band) : <NoValue />}</Cell>
                    <Cell title={col.flags}>
                      <FlagTags flags={a.flags} />
                    </Cell>
                    <Cell title={col.by}>{a.administered_by.name}</Cell>
                    <Cell title={col.actions}>
                      {a.current ? (
                        <button
                          type="button"
                          id={correctButtonId(a.id)}
                          class="button button-tertiary button-small"
                          aria-expanded={correcting?.id === a.id ? 'true' : 'false'}
                          aria-controls={correcting?.id === a.id ? `correction-${enrolmentId}` : undefined}
                          onClick={() => open(a)}
                        >
                          {t('assessments.correct')}
                          <span class="sr-only">
                            {' '}
                            {t('assessments.correct.sr', {
                              instrument: instrumentName(a.instrument),
                              date: formatDate(a.date),
                            })}
                          </span>
                        </button>
                      ) : null}
                    </Cell>
                  </tr>
                ))}
              </tbody>
          </table>
        )}
        {correcting ? (
          <AssessmentCorrection
            key={correcting.id}
            enrolmentId={enrolmentId}
            assessment={correcting}
            onSaved={saved}
            onConflict={conflict}
            onCancel={cancel}
          />
        ) : null}
      </section>
      {hasTrajectory ? (
        <section class="treatment-block" aria-labelledby={chartHeadingId}>
          <h4 id={chartHeadingId}>{t('chart.heading')}</h4>
          <TrajectoryChart assessments={assessments.items} idPrefix={`assessments-${enrolmentId}`} />
        </section>
      ) : null}
    </>
  );
}
