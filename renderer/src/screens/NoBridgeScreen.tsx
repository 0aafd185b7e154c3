/** Shown when the page is opened outside the app, where the privileged bridge does not exist. */
export function NoBridgeScreen() {
  return (
    <section className="panel panel-error" aria-labelledby="no-bridge-title">
      <h1 id="no-bridge-title" tabIndex={-1}>
        Activation Doctor cannot reach its engine
      </h1>
      <p>
        This window was opened without the part of the app that reads Windows facts. Close it and start Activation Doctor
        from its shortcut or from <code>Activation Doctor.exe</code>.
      </p>
    </section>
  );
}
