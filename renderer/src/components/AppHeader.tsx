import { Logo } from './Logo';

export function AppHeader({ onHome }: { onHome: (() => void) | undefined }) {
  return (
    <header className="app-header">
      <div className="brand">
        <Logo />
        <span className="brand-name">Activation Doctor</span>
      </div>
      {onHome ? (
        <button type="button" className="button button-quiet" onClick={onHome}>
          Back to start
        </button>
      ) : null}
    </header>
  );
}
