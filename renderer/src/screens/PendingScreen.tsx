import type { EntryPoint } from '../routes';

/** A journey whose screens are not in this build yet: says so plainly and offers the way back. */
export function PendingScreen({ entry, onBack }: { entry: EntryPoint; onBack: () => void }) {
  return (
    <section className="panel" aria-labelledby="pending-title">
      <h1 id="pending-title" tabIndex={-1}>
        {entry.title}
      </h1>
      <p>{entry.description}</p>
      <p className="muted">This part of Activation Doctor is not available in this build yet.</p>
      <button type="button" className="button" onClick={onBack}>
        Back to start
      </button>
    </section>
  );
}
