import { z } from "zod";

/**
 * In the browser, zod must not probe whether it may compile parsers with `new Function`: under
 * the app's Content-Security-Policy the probe fails (as it should) and is reported as a
 * violation, though zod catches it. Imported before anything that parses.
 */
z.config({ jitless: true });
