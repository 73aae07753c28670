import { z } from 'zod';

/** Zod's own messages (wrong type, too long …) in Chinese, wherever a schema is parsed. */
z.config(z.locales.zhCN());
