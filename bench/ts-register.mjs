// `node --import ./bench/ts-register.mjs SCRIPT`: registers ts-hooks.mjs before SCRIPT loads.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
