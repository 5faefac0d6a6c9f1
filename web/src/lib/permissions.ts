// What each role may call, from the role table of docs/api.md ("Authentication and roles")
// and `wareflow routes`. The UI hides what the signed-in role cannot do; the server decides.
import type { Role } from '../api/types';

export const ROLES: Role[] = ['viewer', 'integration', 'operator', 'manager', 'admin'];

const MGR: Role[] = ['manager', 'admin'];
const OPS: Role[] = ['operator', 'manager', 'admin'];

export const ACTIONS = {
  'orders.hold': { roles: MGR, label: 'put orders on hold' },
  'orders.release': { roles: MGR, label: 'release orders' },
  'orders.cancel': { roles: ['integration', 'manager', 'admin'] as Role[], label: 'cancel orders' },
  'waves.create': { roles: MGR, label: 'create waves' },
  'picks.confirm': { roles: OPS, label: 'confirm picks' },
  'picks.short': { roles: OPS, label: 'report short picks' },
  'fulfillments.pack': { roles: OPS, label: 'pack fulfillments' },
  'fulfillments.ship': { roles: OPS, label: 'ship fulfillments' },
  'fulfillments.deliver': { roles: ['integration', 'operator', 'manager', 'admin'] as Role[], label: 'mark fulfillments delivered' },
  'receipts.create': { roles: OPS, label: 'receive goods' },
  'tasks.next': { roles: OPS, label: 'take tasks from the queue' },
  'tasks.claim': { roles: OPS, label: 'claim tasks' },
  'tasks.complete': { roles: OPS, label: 'complete tasks' },
  'counts.work': { roles: OPS, label: 'count locations' },
  'counts.plan': { roles: MGR, label: 'plan counts' },
  'counts.decide': { roles: MGR, label: 'approve or reject counts' },
  'inventory.adjust': { roles: MGR, label: 'adjust stock' },
  'returns.create': { roles: ['integration', 'manager', 'admin'] as Role[], label: 'authorise returns' },
  'returns.work': { roles: OPS, label: 'receive and inspect returns' },
  'planning.order': { roles: MGR, label: 'make purchase orders from suggestions' },
  'documents.read': { roles: ROLES, label: 'print documents' },
} as const;

export type Action = keyof typeof ACTIONS;

export function can(role: Role | null | undefined, action: Action): boolean {
  if (!role) return false;
  return (ACTIONS[action].roles as readonly Role[]).includes(role);
}

export function actionLabel(action: Action): string {
  return ACTIONS[action].label;
}

/** Screens of the app and who sees them in the navigation. */
export const SCREENS = {
  dashboard: ROLES,
  orders: ROLES,
  inventory: ROLES,
  map: ROLES,
  waves: ROLES,
  counts: ROLES,
  reports: ROLES,
  planning: ROLES,
  handheld: OPS,
} satisfies Record<string, readonly Role[]>;

export function canSee(role: Role | null | undefined, screen: keyof typeof SCREENS): boolean {
  return !!role && (SCREENS[screen] as readonly Role[]).includes(role);
}
