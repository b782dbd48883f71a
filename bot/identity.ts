import type { Activity } from 'botbuilder';

/**
 * Where a caller's identity comes from, per channel. Teams stamps the tenant and the user's AAD
 * object id (and Bot Framework signs the request); the built-in Direct Line stamps them from its
 * token. Any other source (including Azure Direct Line, whose user ids the client chooses) counts
 * as anonymous.
 */
export interface ChannelCaller {
  tenantId?: string;
  userId?: string;
}

export function callerOf(activity: Partial<Activity>, isBuiltInDirectLine: (serviceUrl: string) => boolean): ChannelCaller {
  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenantId = typeof channelTenant === 'string' ? channelTenant : activity.conversation?.tenantId;
  if (activity.channelId === 'msteams') {
    return { tenantId, userId: activity.from?.aadObjectId ?? activity.from?.id };
  }
  if (activity.channelId === 'directline' && activity.serviceUrl && isBuiltInDirectLine(activity.serviceUrl)) {
    return { tenantId, userId: activity.from?.id };
  }
  return {};
}
