/** Many computers: per-machine diagnoses summed up by cause, and findings only a fleet shows. */
export { createFleetAccumulator, diagnoseFleet, buildFleetDiagnosis, fleetIsHealthy, type FleetInput, type FleetAccumulator } from './diagnose-fleet';
export { FleetDiagnosisSchema, FLEET_FORMAT, FLEET_VERSION, type FleetDiagnosis, type FleetFinding, type MachineSummary } from './types';
export { FLEET_RULES } from './rules';
export { renderFleetCsv, csvCell, CSV_BOM, FLEET_CSV_COLUMNS } from './csv';
export { renderFleetHtml, FLEET_SECTIONS } from './html';
export { isHealthy, summariseMachine } from './summary';
