export { TwilioProvider } from './provider.js';
export { twilioRoutes, type TTwilioRouteOptions } from './twilio.routes.js';
export { TWILIO_DEFAULTS, type TTwilioProviderOptions } from './options.js';
export { TWILIO_WEBHOOK_PATHS } from './urls.js';
export { DEFAULT_VOICES, type TVoices } from './twiml.js';
