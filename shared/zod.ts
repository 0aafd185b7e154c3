/**
 * The one way shared code imports zod. zod compiles fast-path validators with `new Function`,
 * which the renderer's CSP (rightly) forbids; the switch must be set before any schema is built,
 * because each schema decides at construction. Importing zod through this module guarantees it.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
