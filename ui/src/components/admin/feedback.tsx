// The message after an administration action: success in a polite status
// region that is always there, a problem as an alert (role="alert").
import { useRef, useState } from 'preact/hooks';
import { Alert } from '../ui';

export type FeedbackKind = 'success' | 'error' | 'warning';
export type Feedback = { kind: FeedbackKind; text: string; n: number } | null;

/** [the message, say(kind, text), clear()]; each say() is announced, even with the same text. */
export function useFeedback(): [Feedback, (kind: FeedbackKind, text: string) => void, () => void] {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const counter = useRef(0);
  const say = (kind: FeedbackKind, text: string) => {
    counter.current += 1;
    setFeedback({ kind, text, n: counter.current });
  };
  return [feedback, say, () => setFeedback(null)];
}

export function FeedbackView({ feedback }: { feedback: Feedback }) {
  return (
    <>
      <div role="status">
        {feedback?.kind === 'success' ? (
          <Alert kind="success" key={feedback.n}>
            <p class="alert-text">{feedback.text}</p>
          </Alert>
        ) : null}
      </div>
      {feedback && feedback.kind !== 'success' ? (
        <Alert kind={feedback.kind} live="alert" key={feedback.n}>
          <p class="alert-text">{feedback.text}</p>
        </Alert>
      ) : null}
    </>
  );
}
