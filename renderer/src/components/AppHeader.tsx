import { Logo } from './Logo';

/** The app bar: "Back to start" everywhere but the start page, and the last diagnosis one click away. */
export function AppHeader({ onHome, onDiagnosis }: { onHome: (() => void) | undefined; onDiagnosis?: (() => void) | undefined }) {
  return (
    <header className="app-header">
      <div className="brand">
        <Logo />
        <span className="brand-name">Activation Doctor</span>
      </div>
      <div className="header-buttons">
        {onDiagnosis ? (
          <button type="button" className="button button-quiet" onClick={onDiagnosis}>
            Back to the diagnosis
          </button>
        ) : null}
        {onHome ? (
          <button type="button" className="button button-quiet" onClick={onHome}>
            Back to start
          </button>
        ) : null}
      </div>
    </header>
  );
}
