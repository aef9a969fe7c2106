import { Router, type IRequest } from 'itty-router';
import type { AppContext } from './app-context';
import { callback, login, logout, me } from './auth/auth.routes';
import {
  createConnection,
  deleteConnection,
  getConnection,
  listConnectionsRoute,
  rotateCredential,
  syncConnection,
} from './connections/connections.routes';
import { importFile } from './imports/imports.routes';
import { listProviders } from './providers/providers.routes';
import { getPlan, updatePlan } from './subscriptions/plan.routes';
import { gitHubOAuthCallback, startGitHubOAuth } from './connections/github-oauth.routes';
import { listAudit, verifyAudit } from './audit-log/audit.routes';
import { listAlerts } from './alerts/alerts.routes';
import {
  createBudget,
  deleteBudgetRoute,
  getBudget,
  listBudgets,
  patchBudget,
} from './budgets/budgets.routes';
import { billingStatus, checkout, portal } from './billing/billing.routes';
import { stripeWebhook } from './billing/stripe-webhook';
import { publicConfig } from './config/config.routes';
import { health } from './health';
import { internalNotFound, operatorAudit, operatorRewrap } from './internal/internal.routes';
import { securityTxt } from './pages/security-txt';
import { dailySpend } from './spend/daily.routes';
import { spend, usage } from './spend/spend.routes';
import { deleteData } from './data/data.routes';
import { exportFocusCsv, exportSpendCsv } from './exports/export.routes';
import {
  acceptInvitation,
  changeMemberRole,
  inviteMember,
  listInvitations,
  listMembersRoute,
  removeMemberRoute,
  revokeInvitation,
} from './members/members.routes';
import { createTag, deleteTagRoute, listTagsRoute, patchTag, previewTag } from './tags/tags.routes';
import { getWorkspace, patchWorkspace } from './workspace/workspace.routes';
import { listWorkspaces, switchWorkspace } from './workspace/workspaces.routes';
import { createToken, listTokens, revokeToken } from './tokens/tokens.routes';
import { confirmWaitlist, joinWaitlist, operatorWaitlist } from './waitlist/waitlist.routes';

/** Every route of the gateway. A path that matches none falls through to 404. */
export const router = Router<IRequest, [AppContext]>()
  .get('/.well-known/security.txt', securityTxt)
  .get('/auth/callback', callback)
  .get('/auth/github/callback', gitHubOAuthCallback)
  .get('/api/v1/health', health)
  .get('/api/v1/config', publicConfig)
  .post('/api/v1/auth/login', login)
  .post('/api/v1/auth/logout', logout)
  .get('/api/v1/me', me)
  .post('/api/v1/tokens', createToken)
  .get('/api/v1/tokens', listTokens)
  .delete('/api/v1/tokens/:id', revokeToken)
  .get('/api/v1/connections/github/oauth/start', startGitHubOAuth)
  .post('/api/v1/connections', createConnection)
  .get('/api/v1/connections', listConnectionsRoute)
  .get('/api/v1/connections/:id', getConnection)
  .post('/api/v1/connections/:id/sync', syncConnection)
  .put('/api/v1/connections/:id/credential', rotateCredential)
  .delete('/api/v1/connections/:id', deleteConnection)
  .post('/api/v1/connections/:id/imports', importFile)
  .get('/api/v1/connections/:id/plan', getPlan)
  .patch('/api/v1/connections/:id/plan', updatePlan)
  .get('/api/v1/providers', listProviders)
  .get('/api/v1/audit', listAudit)
  .get('/api/v1/audit/verify', verifyAudit)
  .get('/api/v1/spend', spend)
  .get('/api/v1/spend/daily', dailySpend)
  .get('/api/v1/usage', usage)
  .get('/auth/invitation', acceptInvitation)
  .get('/api/v1/workspace', getWorkspace)
  .patch('/api/v1/workspace', patchWorkspace)
  .get('/api/v1/workspaces', listWorkspaces)
  .post('/api/v1/workspaces/:id/switch', switchWorkspace)
  .get('/api/v1/members', listMembersRoute)
  .post('/api/v1/members/invitations', inviteMember)
  .get('/api/v1/members/invitations', listInvitations)
  .delete('/api/v1/members/invitations/:id', revokeInvitation)
  .patch('/api/v1/members/:id', changeMemberRole)
  .delete('/api/v1/members/:id', removeMemberRoute)
  .post('/api/v1/tags', createTag)
  .get('/api/v1/tags', listTagsRoute)
  .post('/api/v1/tags/preview', previewTag)
  .patch('/api/v1/tags/:id', patchTag)
  .delete('/api/v1/tags/:id', deleteTagRoute)
  .delete('/api/v1/data', deleteData)
  .get('/api/v1/export/spend.csv', exportSpendCsv)
  .get('/api/v1/export/focus.csv', exportFocusCsv)
  .post('/api/v1/budgets', createBudget)
  .get('/api/v1/budgets', listBudgets)
  .get('/api/v1/budgets/:id', getBudget)
  .patch('/api/v1/budgets/:id', patchBudget)
  .delete('/api/v1/budgets/:id', deleteBudgetRoute)
  .get('/api/v1/alerts', listAlerts)
  .get('/api/v1/billing', billingStatus)
  .post('/api/v1/billing/checkout', checkout)
  .post('/api/v1/billing/portal', portal)
  .post('/webhooks/stripe', stripeWebhook)
  .post('/api/v1/waitlist', joinWaitlist)
  .get('/waitlist/confirm', confirmWaitlist)
  .get('/internal/audit', operatorAudit)
  .post('/internal/kek/rewrap', operatorRewrap)
  .get('/internal/waitlist', operatorWaitlist)
  .all('/internal/*', internalNotFound);
