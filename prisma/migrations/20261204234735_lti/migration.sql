-- CreateEnum
CREATE TYPE "LtiScoreStatus" AS ENUM ('pending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "lti_platforms" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "authLoginUrl" TEXT NOT NULL,
    "tokenUrl" TEXT NOT NULL,
    "jwksUrl" TEXT NOT NULL,
    "deploymentIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lti_platforms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lti_accounts" (
    "issuer" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "email" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lti_accounts_pkey" PRIMARY KEY ("issuer","sub")
);

-- CreateTable
CREATE TABLE "lti_login_states" (
    "state" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "platformId" UUID NOT NULL,
    "targetLinkUri" TEXT NOT NULL,
    "loginHint" TEXT NOT NULL,
    "messageHint" TEXT,
    "deploymentId" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lti_login_states_pkey" PRIMARY KEY ("state")
);

-- CreateTable
CREATE TABLE "lti_launch_codes" (
    "codeHash" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "target" TEXT NOT NULL,
    "deepLink" JSONB,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lti_launch_codes_pkey" PRIMARY KEY ("codeHash")
);

-- CreateTable
CREATE TABLE "lti_contexts" (
    "id" UUID NOT NULL,
    "platformId" UUID NOT NULL,
    "contextId" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lti_contexts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lti_context_members" (
    "contextId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lti_context_members_pkey" PRIMARY KEY ("contextId","userId")
);

-- CreateTable
CREATE TABLE "lti_grade_links" (
    "id" UUID NOT NULL,
    "platformId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "quizId" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "lineItemUrl" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lti_grade_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lti_score_sends" (
    "id" UUID NOT NULL,
    "platformId" UUID NOT NULL,
    "lineItemUrl" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "quizId" TEXT NOT NULL,
    "attemptId" UUID,
    "scoreGiven" DOUBLE PRECISION NOT NULL,
    "scoreMaximum" DOUBLE PRECISION NOT NULL,
    "scoredAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "LtiScoreStatus" NOT NULL DEFAULT 'pending',
    "tries" INTEGER NOT NULL DEFAULT 0,
    "nextTryAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leasedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lti_score_sends_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "lti_platforms_issuer_clientId_key" ON "lti_platforms"("issuer", "clientId");

-- CreateIndex
CREATE INDEX "lti_accounts_userId_idx" ON "lti_accounts"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "lti_login_states_nonce_key" ON "lti_login_states"("nonce");

-- CreateIndex
CREATE INDEX "lti_login_states_expiresAt_idx" ON "lti_login_states"("expiresAt");

-- CreateIndex
CREATE INDEX "lti_launch_codes_expiresAt_idx" ON "lti_launch_codes"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "lti_contexts_platformId_contextId_key" ON "lti_contexts"("platformId", "contextId");

-- CreateIndex
CREATE INDEX "lti_context_members_userId_idx" ON "lti_context_members"("userId");

-- CreateIndex
CREATE INDEX "lti_grade_links_userId_quizId_idx" ON "lti_grade_links"("userId", "quizId");

-- CreateIndex
CREATE UNIQUE INDEX "lti_grade_links_userId_quizId_lineItemUrl_key" ON "lti_grade_links"("userId", "quizId", "lineItemUrl");

-- CreateIndex
CREATE INDEX "lti_score_sends_status_nextTryAt_idx" ON "lti_score_sends"("status", "nextTryAt");

-- AddForeignKey
ALTER TABLE "lti_accounts" ADD CONSTRAINT "lti_accounts_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lti_login_states" ADD CONSTRAINT "lti_login_states_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "lti_platforms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lti_contexts" ADD CONSTRAINT "lti_contexts_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "lti_platforms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lti_context_members" ADD CONSTRAINT "lti_context_members_contextId_fkey" FOREIGN KEY ("contextId") REFERENCES "lti_contexts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lti_context_members" ADD CONSTRAINT "lti_context_members_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lti_grade_links" ADD CONSTRAINT "lti_grade_links_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "lti_platforms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lti_score_sends" ADD CONSTRAINT "lti_score_sends_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "lti_platforms"("id") ON DELETE CASCADE ON UPDATE CASCADE;
