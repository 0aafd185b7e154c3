/**
 * Every diagnosis rule, in the order of the wizard's decision tree. The tree is built from this
 * list: each rule belongs to one stage and asks one question.
 */
import type { Rule } from '../rule';
import type { StageId } from '../types';
import { notElevated, sppsvcStopped } from './prerequisites';
import { avmaOnAzure, channelNotVolume, evaluationEdition, gvlkWithoutKms, noProductKey } from './key';
import { kmsHostUnresolvable, kmsSrvMissing, kmsSrvStale, thirdPartyKmsHost } from './discovery';
import { azureKmsUnreachable, kmsPortFiltered, kmsPortRefused } from './reachability';
import { kmsTimeSkew, w32timeStopped } from './time';
import { kmsCountInsufficient, kmsHostNotActivated, kmsHostVersionMismatch, kmsKeyMismatch } from './kms-host';
import { kmsHostFirewallClosed, kmsHostHardwareSecurity, kmsHostKeyLimit, kmsHostSppsvcStopped } from './this-host';
import { azureAttestationCertificateMissing, azureAttestationUnreachable } from './azure-edition';
import { esuNotActivated, esuNotEnrolled, esuPrerequisitesMissing, esuYearNotCovered } from './esu';
import { OFFICE_RULES } from './office';
import { activationTypeRestricted, adbaLeftDomain, adbaNoWindowsObject, adbaObjectRemoved } from './adba';
import { subscriptionBaseNotActivated, subscriptionNotActive, subscriptionUpdateBlocked } from './subscription';
import { activated, activationExpiring, dcomAccessDenied, hardwareChanged, licenseStoreCorrupt, makLimitExceeded, notGenuine, phoneDataInvalid, productKeyBlocked, productKeyInvalid } from './state';

export const STAGES: ReadonlyArray<{ id: StageId; question: string }> = [
  { id: 'prerequisites', question: 'Can Windows activation run on this computer?' },
  { id: 'key', question: 'Does Windows have the right kind of product key?' },
  { id: 'discovery', question: 'Can this computer find its KMS host?' },
  { id: 'reachability', question: 'Does the KMS host answer on its port?' },
  { id: 'time', question: 'Do the clocks agree within 4 hours?' },
  { id: 'kms-host', question: 'Can the KMS host activate this computer?' },
  { id: 'this-host', question: 'Is this computer a working KMS host?' },
  { id: 'state', question: 'Is the activation healthy?' },
  { id: 'office', question: 'Is Office volume activation working?' },
];

export const RULES: readonly Rule[] = [
  notElevated,
  sppsvcStopped,
  dcomAccessDenied,
  subscriptionUpdateBlocked,
  noProductKey,
  evaluationEdition,
  avmaOnAzure,
  subscriptionBaseNotActivated,
  channelNotVolume,
  activationTypeRestricted,
  gvlkWithoutKms,
  productKeyInvalid,
  productKeyBlocked,
  makLimitExceeded,
  phoneDataInvalid,
  adbaLeftDomain,
  adbaObjectRemoved,
  adbaNoWindowsObject,
  kmsHostUnresolvable,
  kmsSrvMissing,
  kmsSrvStale,
  thirdPartyKmsHost,
  kmsPortFiltered,
  kmsPortRefused,
  azureKmsUnreachable,
  kmsTimeSkew,
  w32timeStopped,
  kmsHostVersionMismatch,
  kmsCountInsufficient,
  kmsHostNotActivated,
  kmsKeyMismatch,
  kmsHostSppsvcStopped,
  kmsHostFirewallClosed,
  kmsHostKeyLimit,
  kmsHostHardwareSecurity,
  subscriptionNotActive,
  activationExpiring,
  activated,
  licenseStoreCorrupt,
  hardwareChanged,
  notGenuine,
  azureAttestationUnreachable,
  azureAttestationCertificateMissing,
  esuPrerequisitesMissing,
  esuNotEnrolled,
  esuNotActivated,
  esuYearNotCovered,
  // Office, beside Windows in the same ranked list (each finding labelled product: 'office').
  ...OFFICE_RULES,
];
