// Alerting for edgewatch: rules over readings (threshold with hysteresis, rate,
// anomaly score, heartbeat), the alert lifecycle keyed by fingerprint,
// silences and inhibition, Alertmanager-style grouping, and at-least-once
// webhook delivery from a key-value outbox. Guest-safe: Web APIs only.
export { parseDuration, durationMs } from './durations.ts';
export type { Duration } from './durations.ts';
export { matchesAll, parseMatchers, parseLabels } from './matchers.ts';
export type { Matcher, Labels } from './matchers.ts';
export { fingerprint, fnv64 } from './fingerprint.ts';
export { parseRule, watchedSeries, DEFAULT_RULES, SEVERITIES } from './rules.ts';
export type { Rule, RuleKind, Severity } from './rules.ts';
export { parseEvaluateBody, MAX_READINGS_PER_EVALUATION } from './readings.ts';
export type { Reading } from './readings.ts';
export { advance, acknowledge, renderAnnotations } from './lifecycle.ts';
export type { AlertRecord, AlertState, AlertEvent } from './lifecycle.ts';
export { claimKey, appendIfChanged, lastEntry, readLog } from './claim.ts';
export type { AppendResult, LogEntry } from './claim.ts';
export { alertLabels, alertFingerprint, currentAlert, alertHistory, acknowledgeAlert } from './alert-store.ts';
export type { Transition, AckOutcome } from './alert-store.ts';
export { parseSilence, silenceActive, silencedBy, inhibitedBy, inhibitionOf, DEFAULT_INHIBIT_RULES } from './silences.ts';
export type { Silence, InhibitRule } from './silences.ts';
export { parseReceiver, publicReceiver, urlAllowed, RECEIVER_DEFAULTS } from './receivers.ts';
export type { Receiver, ReceiverType } from './receivers.ts';
export { loadConfig, loadRules, loadReceivers, loadSilences, saveCollection, upsert, CONFIG_KEYS } from './config-store.ts';
export type { AlertingConfigSnapshot } from './config-store.ts';
export { knownDevices } from './devices.ts';
export { buildViews, collectAlerts, filterViews, generatorUrl } from './views.ts';
export type { AlertView, AlertFilter, DisplayState } from './views.ts';
export { groupAlerts, groupKeyOf, planGroup } from './grouping.ts';
export type { GroupRecord, NotifiedAlert } from './grouping.ts';
export { alertmanagerPayload, notificationRequest, signPayload, commonOf } from './payloads.ts';
export type { AlertmanagerWebhookPayload } from './payloads.ts';
export { queueNotifications, knownGroups } from './notifier.ts';
export { deliverDue, listDeliveries, backoffMs, DEFAULT_DELIVERY_LIMITS } from './delivery.ts';
export type { DeliveryLimits, DeliveryReport, DeliveryStatus, DeliveryView } from './delivery.ts';
export { evaluate } from './evaluator.ts';
export type { EvaluationReport } from './evaluator.ts';
export { randomId, iso } from './env.ts';
export type { AlertsEnv } from './env.ts';
export { alertingStats } from './stats.ts';
export type { AlertingStats } from './stats.ts';
