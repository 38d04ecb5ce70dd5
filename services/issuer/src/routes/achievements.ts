// Achievements (badge classes), validated against the OB 3.0 input schema and built with @obp/ob3.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { achievementInput, buildAchievement, type AchievementInput } from '@obp/ob3'
import { achievementUrl, lastSegment } from '../ids.js'
import { AchievementNotFound } from '../errors.js'
import { cleanImageInput, imageLimits } from '../images/image-input.js'
import { actingIssuer, findIssuer, issuerParams } from './guards.js'
import { answer } from '@obp/service-kit'
import { AchievementShape } from './openapi-shapes.js'

const achievementParams = {
  type: 'object',
  properties: { issuerId: { type: 'string', minLength: 1 }, achievementId: { type: 'string', minLength: 1, maxLength: 4096 } },
  required: ['issuerId', 'achievementId']
} as const

type Params = { issuerId: string; achievementId: string }

export default async function achievementRoutes (app: FastifyInstance): Promise<void> {
  const ctx = app.issuerContext
  const base = ctx.config.ISSUER_PUBLIC_URL
  const tags = ['achievements']
  const limits = imageLimits(ctx.config)
  const imageHelp = ' `image` is a URL (e.g. one returned by `POST /issuers/:issuerId/images`) or a data: URI; ' +
    'baked badges use uploaded and data: images, and a generated default image otherwise. A data: image is checked like an upload ' +
    '(PNG or SVG only; an SVG is sanitised, and kept as its cleaned form): 400 OBP_ISSUER_IMAGE_INVALID when refused.'

  app.post<{ Params: { issuerId: string }; Body: AchievementInput }>('/issuers/:issuerId/achievements', {
    onRequest: app.requireScope('manage'),
    schema: { tags, security: [{ bearer: [] }], params: issuerParams, body: achievementInput, description: 'Creates an OB 3.0 Achievement; its `id` is a URL under ISSUER_PUBLIC_URL.' + imageHelp, response: { 201: answer('The Achievement', AchievementShape) } }
  }, async (request, reply) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const id = randomUUID()
    const achievement = buildAchievement({ ...request.body, image: cleanImageInput(request.body.image, limits), id: achievementUrl(base, issuer._id, id) })
    await ctx.achievements.create(issuer._id, id, achievement)
    return reply.code(201).send(achievement)
  })

  app.put<{ Params: Params; Body: AchievementInput }>('/issuers/:issuerId/achievements/:achievementId', {
    onRequest: app.requireScope('manage'),
    schema: { tags, security: [{ bearer: [] }], params: achievementParams, body: achievementInput, description: 'Replaces an achievement\'s definition (same id). Credentials issued before keep the definition they embed.' + imageHelp, response: { 200: answer('The new definition', AchievementShape) } }
  }, async (request) => {
    const issuer = await actingIssuer(ctx, request, request.params.issuerId)
    const id = lastSegment(request.params.achievementId)
    const achievement = buildAchievement({ ...request.body, image: cleanImageInput(request.body.image, limits), id: achievementUrl(base, issuer._id, id) })
    if (!await ctx.achievements.replace(issuer._id, id, achievement)) throw new AchievementNotFound(request.params.achievementId)
    return achievement
  })

  app.get<{ Params: { issuerId: string } }>('/issuers/:issuerId/achievements', {
    schema: { tags, params: issuerParams, description: 'The issuer\'s achievements (public).', response: { 200: answer('The achievements', { type: 'array', items: AchievementShape }) } }
  }, async (request) => {
    const issuer = await findIssuer(ctx, request.params.issuerId)
    return (await ctx.achievements.list(issuer._id)).map(a => a.achievement)
  })

  app.get<{ Params: Params }>('/issuers/:issuerId/achievements/:achievementId', {
    schema: { tags, params: achievementParams, description: 'One achievement (public); the path takes its id\'s last segment or its full id.', response: { 200: answer('The Achievement', AchievementShape) } }
  }, async (request) => {
    const issuer = await findIssuer(ctx, request.params.issuerId)
    const found = await ctx.achievements.get(issuer._id, lastSegment(request.params.achievementId))
    if (!found) throw new AchievementNotFound(request.params.achievementId)
    return found.achievement
  })
}
