/** One text message to a mainland mobile number. */
export interface SmsMessage {
  to: string;
  text: string;
}

/**
 * An SMS gateway (阿里云短信, 腾讯云短信 …). A deployment registers its own with setSmsProvider; the default
 * "local" provider delivers nothing and leaves the message in the outbox as its record.
 */
export interface SmsProvider {
  readonly name: string;
  /** Deliver one message; resolve with the gateway's message id if it gives one, throw on failure. */
  send(message: SmsMessage): Promise<{ messageId?: string }>;
}

export const localSmsProvider: SmsProvider = {
  name: 'local',
  send: async () => ({}),
};

let provider: SmsProvider = localSmsProvider;

export function setSmsProvider(next: SmsProvider): void {
  provider = next;
}

export function currentSmsProvider(): SmsProvider {
  return provider;
}
