"use server";

import { revalidatePath } from "next/cache";
import { createApiClient, revokeApiClient } from "@/lib/domain/api-clients/api-clients";
import { authedAction } from "@/lib/server/with-route";
import { ZCreateApiClient, ZRevokeApiClient } from "@/lib/validation/api-clients";

// API clients (issue 17, ADR 047). The token comes back from createApiClientAction once, to the
// admin's browser only; the page never has it again.
export const createApiClientAction = authedAction(ZCreateApiClient, async (actor, input) => {
  const created = await createApiClient(actor, input);
  revalidatePath("/admin/api-clients");
  return created;
});

export const revokeApiClientAction = authedAction(ZRevokeApiClient, async (actor, input) => {
  const revoked = await revokeApiClient(actor, input);
  revalidatePath("/admin/api-clients");
  revalidatePath(`/admin/api-clients/${revoked.id}`);
  return revoked;
});
