// Offers of an application: listed across one search for the compare page,
// listed for one application, added, changed and removed. RLS decides who
// sees and writes them (the owner and editors write, every grantee reads,
// nobody but the owner sees a private application's); this module only turns
// that into NOT_FOUND / FORBIDDEN sentences and adds each offer's totals.
import { asc, eq, getTableColumns, type SQL } from 'drizzle-orm';
import { applications, offers, type Offer, type Tx } from '@pursuit/db';
import { notFound } from '../errors';
import { capped, CHILD_RECORD_LIMIT } from '../limits';
import { compensation, type Compensation } from '../offers/compensation';
import { applicationAccess, requireAccess, type Access } from './access';
import { deleteOwned, insertOwned, updateOwned, type NewRow } from './rows';

/** An offer as every reader sees it: the row, whose application it is, and its totals. */
export type OfferView = Offer & {
  companyName: string;
  roleTitle: string;
  applicationStage: (typeof applications.$inferSelect)['stage'];
  compensation: Compensation;
};

export type NewOffer = NewRow<typeof offers> & { applicationId: string };
export type OfferChanges = Partial<Omit<NewRow<typeof offers>, 'applicationId'>>;

const NOUN = 'Offer';

async function selectViews(tx: Tx, where: SQL, limit: number) {
  const rows = await tx
    .select({
      ...getTableColumns(offers),
      companyName: applications.companyName,
      roleTitle: applications.roleTitle,
      applicationStage: applications.stage,
    })
    .from(offers)
    .innerJoin(applications, eq(applications.id, offers.applicationId))
    .where(where)
    // Oldest first: a column on the compare page stays where it was.
    .orderBy(asc(offers.createdAt), asc(offers.id))
    .limit(limit + 1);
  const { rows: kept, truncated } = capped(rows, limit);
  const views: OfferView[] = kept.map((row) => ({ ...row, compensation: compensation(row) }));
  return { offers: views, truncated };
}

async function offerView(tx: Tx, offerId: string): Promise<OfferView> {
  const { offers: found } = await selectViews(tx, eq(offers.id, offerId), 1);
  if (!found[0]) throw notFound(NOUN);
  return found[0];
}

/**
 * Every offer in one search (the caller's own unless `ownerId` names one
 * shared with them), oldest first, at most CHILD_RECORD_LIMIT, and the
 * caller's role there. Offers of private applications reach only the owner.
 */
export async function listOffers(tx: Tx, userId: string, ownerId: string | undefined) {
  const owner = ownerId ?? userId;
  const role = owner === userId ? 'owner' : await requireAccess(tx, owner, 'read');
  const { offers: views, truncated } = await selectViews(
    tx,
    eq(offers.userId, owner),
    CHILD_RECORD_LIMIT,
  );
  return { offers: views, truncated, access: { ownerId: owner, role } satisfies Access };
}

/** The offers of one application the caller may read (NOT_FOUND otherwise). */
export async function offersForApplication(tx: Tx, applicationId: string) {
  await applicationAccess(tx, applicationId, 'read');
  const { offers: views, truncated } = await selectViews(
    tx,
    eq(offers.applicationId, applicationId),
    CHILD_RECORD_LIMIT,
  );
  return { offers: views, truncated };
}

/** A new offer on an application the caller may change; it belongs to the application's owner. */
export async function createOffer(tx: Tx, input: NewOffer): Promise<OfferView> {
  const { ownerId } = await applicationAccess(tx, input.applicationId, 'edit', 'add an offer');
  const row = await insertOwned(tx, offers, ownerId, input);
  return offerView(tx, row.id);
}

/** Changes the fields given (null clears one); a viewer or commenter is FORBIDDEN. */
export async function updateOffer(
  tx: Tx,
  offerId: string,
  changes: OfferChanges,
): Promise<OfferView> {
  await updateOwned(tx, offers, offerId, changes, NOUN);
  return offerView(tx, offerId);
}

/** Removes an offer: the owner's call alone. */
export function deleteOffer(tx: Tx, offerId: string) {
  return deleteOwned(tx, offers, offerId, NOUN);
}
