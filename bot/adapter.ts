import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ShowTypingMiddleware,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, type AuthenticateRequestResult } from 'botframework-connector';
import type { AppConfig } from './config';
import { LocalConnectorKey, SupportBotAuthentication } from './directline/connector';
import { langFromLocale, t } from './i18n';
import type { Logger } from './log';

/**
 * One CloudAdapter for every channel. Teams and Azure traffic is authenticated by Bot Framework;
 * the built-in Direct Line authenticates its own users and enters through `processDirectLine`.
 */
export interface SupportAdapter {
  adapter: CloudAdapter;
  auth: SupportBotAuthentication;
  /** Runs a turn for an activity the built-in Direct Line has already authenticated. */
  processDirectLine(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export function createAdapter(config: AppConfig, localKey: LocalConnectorKey, localServiceUrls: () => string[], log: Logger): SupportAdapter {
  const inner = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId ?? '',
    MicrosoftAppPassword: config.appPassword ?? '',
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.appTenantId ?? '',
  });
  const auth = new SupportBotAuthentication(inner, localKey, localServiceUrls);
  const adapter = new CloudAdapter(auth);
  // Shows "typing…" while a turn takes longer than half a second, in Teams and Web Chat alike.
  adapter.use(new ShowTypingMiddleware(500, 2000));

  adapter.onTurnError = async (context, error) => {
    log.error('turn failed', {
      channelId: context.activity.channelId,
      conversationId: context.activity.conversation?.id,
      activityType: context.activity.type,
      err: error,
    });
    const lang = langFromLocale(context.activity.locale) ?? 'en';
    try {
      if (context.activity.type === 'message' || context.activity.type === 'invoke') await context.sendActivity(t(lang, 'error.turn'));
    } catch {
      // The channel itself is unreachable: nothing more to tell the user from here.
    }
  };

  const appId = config.appId ?? '';
  const processDirectLine = async (activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>) => {
    const claimsIdentity = new ClaimsIdentity(
      [
        { type: AuthenticationConstants.AudienceClaim, value: appId },
        { type: AuthenticationConstants.AppIdClaim, value: appId },
      ],
      true,
    );
    const result: AuthenticateRequestResult = {
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      claimsIdentity,
      connectorFactory: auth.createConnectorFactory(claimsIdentity),
    };
    await adapter.processActivityDirect(result, activity as Activity, logic);
  };

  return { adapter, auth, processDirectLine };
}
