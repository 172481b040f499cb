-- CreateEnum
CREATE TYPE "OrgKind" AS ENUM ('startup', 'lab', 'institution', 'company');

-- CreateEnum
CREATE TYPE "Visibility" AS ENUM ('draft', 'members', 'public');

-- CreateEnum
CREATE TYPE "SizeBand" AS ENUM ('solo', 'from2to10', 'from11to50', 'from51to250', 'over250');

-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('owner', 'editor');

-- CreateEnum
CREATE TYPE "NeedStatus" AS ENUM ('open', 'closed', 'fulfilled');

-- CreateEnum
CREATE TYPE "BudgetBand" AS ENUM ('unknown', 'under10k', 'from10kTo50k', 'from50kTo150k', 'over150k');

-- CreateEnum
CREATE TYPE "ContactRequestKind" AS ENUM ('need_response', 'introduction');

-- CreateEnum
CREATE TYPE "ContactRequestStatus" AS ENUM ('pending', 'accepted', 'declined', 'withdrawn');

-- CreateTable
CREATE TABLE "TaxonomyEntry" (
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "labelFr" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "parent" TEXT,
    "source" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "meta" JSONB,
    "version" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TaxonomyEntry_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "TaxonomyImport" (
    "id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "added" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "removed" INTEGER NOT NULL,
    "importedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TaxonomyImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "kind" "OrgKind" NOT NULL,
    "subKind" TEXT,
    "name" TEXT NOT NULL,
    "pitchFr" TEXT NOT NULL DEFAULT '',
    "pitchEn" TEXT NOT NULL DEFAULT '',
    "descriptionFr" TEXT NOT NULL DEFAULT '',
    "descriptionEn" TEXT NOT NULL DEFAULT '',
    "regionCode" TEXT NOT NULL,
    "city" TEXT NOT NULL DEFAULT '',
    "website" TEXT,
    "foundedYear" INTEGER,
    "sizeBand" "SizeBand",
    "sectorCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "technologyCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "challengeCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "languages" TEXT[] DEFAULT ARRAY['fr']::TEXT[],
    "offers" TEXT NOT NULL DEFAULT '',
    "seeks" TEXT NOT NULL DEFAULT '',
    "contactEmail" TEXT NOT NULL,
    "contactPhone" TEXT,
    "visibility" "Visibility" NOT NULL DEFAULT 'draft',
    "verifiedAt" TIMESTAMP(3),
    "unpublishedAt" TIMESTAMP(3),
    "lastActiveAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "organisationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "MemberRole" NOT NULL DEFAULT 'editor',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("organisationId","userId")
);

-- CreateTable
CREATE TABLE "OrgInvitation" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "MemberRole" NOT NULL DEFAULT 'editor',
    "invitedById" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrgInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Need" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "challengeCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sectorCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "technologyCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "budgetBand" "BudgetBand" NOT NULL DEFAULT 'unknown',
    "deadline" TIMESTAMP(3),
    "regionCode" TEXT NOT NULL,
    "status" "NeedStatus" NOT NULL DEFAULT 'open',
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "renewalReminderSentAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Need_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactRequest" (
    "id" TEXT NOT NULL,
    "kind" "ContactRequestKind" NOT NULL,
    "fromOrgId" TEXT NOT NULL,
    "toOrgId" TEXT NOT NULL,
    "needId" TEXT,
    "message" TEXT NOT NULL,
    "status" "ContactRequestStatus" NOT NULL DEFAULT 'pending',
    "createdById" TEXT,
    "respondedById" TEXT,
    "responseNote" TEXT,
    "respondedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "details" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TaxonomyEntry_kind_position_idx" ON "TaxonomyEntry"("kind", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");

-- CreateIndex
CREATE INDEX "Organisation_visibility_kind_idx" ON "Organisation"("visibility", "kind");

-- CreateIndex
CREATE INDEX "Organisation_regionCode_idx" ON "Organisation"("regionCode");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE INDEX "OrgInvitation_organisationId_idx" ON "OrgInvitation"("organisationId");

-- CreateIndex
CREATE INDEX "Need_status_expiresAt_idx" ON "Need"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "Need_organisationId_idx" ON "Need"("organisationId");

-- CreateIndex
CREATE INDEX "ContactRequest_toOrgId_status_idx" ON "ContactRequest"("toOrgId", "status");

-- CreateIndex
CREATE INDEX "ContactRequest_fromOrgId_idx" ON "ContactRequest"("fromOrgId");

-- CreateIndex
CREATE INDEX "ContactRequest_needId_idx" ON "ContactRequest"("needId");

-- CreateIndex
CREATE INDEX "AuditLog_targetType_targetId_idx" ON "AuditLog"("targetType", "targetId");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrgInvitation" ADD CONSTRAINT "OrgInvitation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Need" ADD CONSTRAINT "Need_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactRequest" ADD CONSTRAINT "ContactRequest_fromOrgId_fkey" FOREIGN KEY ("fromOrgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactRequest" ADD CONSTRAINT "ContactRequest_toOrgId_fkey" FOREIGN KEY ("toOrgId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactRequest" ADD CONSTRAINT "ContactRequest_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;

