import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeApi } from '../../shared/ipc/contract';
import type { Route } from './routes';
import { ENTRY_POINTS } from './routes';
import { StartScreen } from './screens/StartScreen';
import { PendingScreen } from './screens/PendingScreen';
import { NoBridgeScreen } from './screens/NoBridgeScreen';
import { AppHeader } from './components/AppHeader';

export interface AppProps {
  bridge: BridgeApi | null;
}

export function App({ bridge }: AppProps) {
  const [route, setRoute] = useState<Route>('start');
  const mainRef = useRef<HTMLElement>(null);

  const navigate = useCallback((next: Route) => setRoute(next), []);

  // Move focus to the new screen's heading so keyboard and screen-reader users land on it.
  useEffect(() => {
    mainRef.current?.querySelector<HTMLElement>('h1, h2')?.focus();
  }, [route]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader onHome={route === 'start' ? undefined : () => navigate('start')} />
      <main id="main" ref={mainRef} tabIndex={-1}>
        {bridge === null ? (
          <NoBridgeScreen />
        ) : route === 'start' ? (
          <StartScreen bridge={bridge} onNavigate={navigate} />
        ) : (
          <PendingScreen entry={ENTRY_POINTS.find((e) => e.route === route)!} onBack={() => navigate('start')} />
        )}
      </main>
    </div>
  );
}
