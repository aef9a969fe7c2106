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
import { listAudit, verifyAudit } from './audit-log/audit.routes';
import { health } from './health';
import { internalNotFound, operatorAudit } from './internal/internal.routes';
import { homePage } from './pages/home';
import { securityTxt } from './pages/security-txt';
import { spend, usage } from './spend/spend.routes';
import { createToken, listTokens, revokeToken } from './tokens/tokens.routes';

/** Every route of the gateway. A path that matches none falls through to 404. */
export const router = Router<IRequest, [AppContext]>()
  .get('/', () => homePage())
  .get('/.well-known/security.txt', securityTxt)
  .get('/auth/callback', callback)
  .get('/api/v1/health', health)
  .post('/api/v1/auth/login', login)
  .post('/api/v1/auth/logout', logout)
  .get('/api/v1/me', me)
  .post('/api/v1/tokens', createToken)
  .get('/api/v1/tokens', listTokens)
  .delete('/api/v1/tokens/:id', revokeToken)
  .post('/api/v1/connections', createConnection)
  .get('/api/v1/connections', listConnectionsRoute)
  .get('/api/v1/connections/:id', getConnection)
  .post('/api/v1/connections/:id/sync', syncConnection)
  .put('/api/v1/connections/:id/credential', rotateCredential)
  .delete('/api/v1/connections/:id', deleteConnection)
  .get('/api/v1/audit', listAudit)
  .get('/api/v1/audit/verify', verifyAudit)
  .get('/api/v1/spend', spend)
  .get('/api/v1/usage', usage)
  .get('/internal/audit', operatorAudit)
  .all('/internal/*', internalNotFound);
