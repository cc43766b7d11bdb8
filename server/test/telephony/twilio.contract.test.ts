import { twilioHarness } from '../support/twilio/harness.js';
import { describeProviderContract } from './contract.js';

/**
 * The contract scenarios on the Twilio adapter: its webhooks mounted on a test server, Twilio
 * played by a fake that posts signed webhooks, runs the TwiML it gets back and answers the SDK's
 * REST calls in memory. One second of call time is 20 ms here.
 */
describeProviderContract('twilio', twilioHarness());
