// Correct a recorded assessment: the questionnaire form prefilled with its
// instrument, date, occasion and answers, and a required reason. Saving posts
// a new assessment with `corrects` and `reason`; the old one stays in the
// history, marked corrected. The heading takes the focus when the form opens;
// Escape or the cancel button closes it.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Assessment } from '../api';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { instrumentName } from '../labels';
import { dateParts } from './fields';
import { InstrumentForm } from './QuestionnaireForm';

export function AssessmentCorrection({
  enrolmentId,
  assessment,
  onSaved,
  onConflict,
  onCancel,
}: {
  enrolmentId: number;
  assessment: Assessment;
  onSaved: (name: string, total: number) => void;
  onConflict: () => void;
  onCancel: () => void;
}) {
  const prefix = `correction-${enrolmentId}`;
  const headingId = `${prefix}-heading`;
  const heading = useRef<HTMLHeadingElement>(null);
  const [occasion, setOccasion] = useState(assessment.occasion);
  const [date, setDate] = useState(() => dateParts(assessment.date));
  useEffect(() => heading.current?.focus(), [assessment.id]);
  return (
    <div
      class="correction"
      id={prefix}
      data-testid="assessment-correction"
      onKeyDown={(e) => {
        // Escape cancels, as on every form opened on demand, unless a save is running.
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        if ((e.currentTarget as HTMLElement).querySelector('form[aria-busy="true"]')) return;
        e.preventDefault();
        onCancel();
      }}
    >
      <h5 id={headingId} ref={heading} tabIndex={-1}>
        {t('correction.heading', { instrument: instrumentName(assessment.instrument), date: formatDate(assessment.date) })}
      </h5>
      <p>{t('correction.intro')}</p>
      <InstrumentForm
        key={assessment.id}
        idPrefix={prefix}
        enrolmentId={enrolmentId}
        instrumentId={assessment.instrument}
        occasion={occasion}
        setOccasion={setOccasion}
        date={date}
        setDate={setDate}
        initialItems={assessment.items}
        correction={{ corrects: assessment.id, headingId, onConflict }}
        onCancel={onCancel}
        onSaved={onSaved}
      />
    </div>
  );
}
