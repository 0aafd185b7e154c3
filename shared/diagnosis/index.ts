export { diagnose, type DiagnoseOptions } from './engine';
export { DiagnosisSchema, type Diagnosis, type Finding, type Evidence, type FixSuggestion, type Verdict, type TreeStage, type NotChecked } from './types';
export { RULES, STAGES } from './rules';
