import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BridgeApi, CheckResult } from '../../shared/ipc/contract';
import type { Route } from './routes';
import { StartScreen } from './screens/StartScreen';
import { NoBridgeScreen } from './screens/NoBridgeScreen';
import { CheckScreen, type CheckRequest } from './screens/CheckScreen';
import { DiagnosisScreen } from './screens/DiagnosisScreen';
import { OpenSnapshotScreen } from './screens/OpenSnapshotScreen';
import { FleetScreen, type OpenedFleet } from './screens/FleetScreen';
import { ErrorCodeScreen } from './screens/ErrorCodeScreen';
import { NoKmsScreen } from './screens/NoKmsScreen';
import { KmsSetupScreen } from './screens/KmsSetupScreen';
import { AppHeader } from './components/AppHeader';

export interface AppProps {
  bridge: BridgeApi | null;
}

const NO_CODE: CheckRequest = { reportedCode: null, kms: null, domain: null };

export function App({ bridge }: AppProps) {
  const [route, setRoute] = useState<Route>('start');
  const [request, setRequest] = useState<CheckRequest>(NO_CODE);
  const [result, setResult] = useState<{ value: CheckResult; remoteFile: string | null; fromFleet?: boolean } | null>(null);
  /** The folder last opened with "Check many computers": kept while the technician drills into its machines. */
  const [fleet, setFleet] = useState<OpenedFleet | null>(null);
  const mainRef = useRef<HTMLElement>(null);

  const navigate = useCallback((next: Route) => setRoute(next), []);
  const startCheck = useCallback((next: CheckRequest = NO_CODE) => {
    setRequest(next);
    setRoute('check');
  }, []);

  // Move focus to the new screen's heading so keyboard and screen-reader users land on it (the
  // stylesheet draws no focus box on headings: they are not controls).
  useEffect(() => {
    mainRef.current?.querySelector<HTMLElement>('h1, h2')?.focus();
  }, [route]);

  // Whatever screen the technician goes to, the last diagnosis stays one click away.
  const backToDiagnosis = result ? () => setRoute('diagnosis') : undefined;
  const lastDiagnosisLabel = result ? (result.remoteFile ?? result.value.diagnosis.computerName ?? 'this computer') : null;

  const onCheckDone = useCallback((value: CheckResult) => {
    setResult({ value, remoteFile: null });
    setRoute('diagnosis');
  }, []);
  const stableRequest = useMemo(() => request, [request]);

  let screen: React.ReactNode;
  if (bridge === null) screen = <NoBridgeScreen />;
  else if (route === 'start')
    screen = <StartScreen bridge={bridge} onNavigate={(r) => (r === 'check' ? startCheck() : navigate(r))} lastDiagnosis={lastDiagnosisLabel} onBackToDiagnosis={backToDiagnosis} />;
  else if (route === 'check') screen = <CheckScreen bridge={bridge} request={stableRequest} onDone={onCheckDone} onCancel={() => navigate('start')} onBackToDiagnosis={backToDiagnosis} />;
  else if (route === 'diagnosis' && result)
    screen = (
      <>
        {result.fromFleet && fleet ? (
          <p className="back-to-fleet">
            <button type="button" className="button button-quiet" onClick={() => navigate('fleet')}>
              &larr; Back to the fleet ({fleet.folderName})
            </button>
          </p>
        ) : null}
        <DiagnosisScreen
          bridge={bridge}
          result={result.value}
          remoteFile={result.remoteFile}
          onResult={(value) => setResult({ value, remoteFile: null })}
          onCheckAgain={() => startCheck(request)}
        />
      </>
    );
  else if (route === 'error-code') screen = <ErrorCodeScreen onCheck={(code) => startCheck({ reportedCode: code, kms: null, domain: null })} />;
  else if (route === 'no-kms') screen = <NoKmsScreen bridge={bridge} onSetUpKms={() => navigate('kms-setup')} onCheck={() => startCheck()} />;
  else if (route === 'kms-setup') screen = <KmsSetupScreen bridge={bridge} onNoKms={() => navigate('no-kms')} />;
  else if (route === 'open-snapshot')
    screen = (
      <OpenSnapshotScreen
        bridge={bridge}
        onOpened={(value, fileName) => {
          setResult({ value, remoteFile: fileName });
          setRoute('diagnosis');
        }}
      />
    );
  else if (route === 'fleet')
    screen = (
      <FleetScreen
        bridge={bridge}
        opened={fleet}
        onOpened={setFleet}
        onMachine={(value, label) => {
          setResult({ value, remoteFile: label, fromFleet: true });
          setRoute('diagnosis');
        }}
      />
    );
  // A diagnosis route without a result (nothing checked yet) falls back to the start page.
  else screen = <StartScreen bridge={bridge} onNavigate={(r) => (r === 'check' ? startCheck() : navigate(r))} lastDiagnosis={null} onBackToDiagnosis={undefined} />;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader onHome={route === 'start' ? undefined : () => navigate('start')} onDiagnosis={route === 'diagnosis' || route === 'check' ? undefined : backToDiagnosis} />
      <main id="main" ref={mainRef} tabIndex={-1}>
        {screen}
      </main>
    </div>
  );
}
