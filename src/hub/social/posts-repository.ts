import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Post, TradeIdea } from '../../shared/social/social-types';
import type { DecodedImage, ImageMime } from './image-data-url';
import { NOT_BLOCKED, parsePost, POST_COLUMNS } from './post-rows';
import { TRENDING_WINDOW_MS, trendingScore } from './trending';
import type { TimeCursor, TrendingCursor } from './cursors';

export interface NewPost {
  postId: string;
  authorId: string;
  text: string;
  cashtags: string[];
  mentions: string[];
  idea: TradeIdea | null;
  image: (DecodedImage & { imageId: string }) | null;
  strategyId: string | null;
  createdAt: number;
}

const ownerRowSchema = z.object({ post_id: z.string(), author_id: z.string(), created_at: z.int(), mentions: z.string(), text: z.string() });
export type PostOwnerRow = z.infer<typeof ownerRowSchema>;
const imageRowSchema = z.object({ mime: z.enum(['image/png', 'image/jpeg']), bytes: z.instanceof(Buffer), post_id: z.string(), author_id: z.string() });

/** A page query: the viewer (`''` signed out), where the previous page ended, how many. */
export interface PageQuery {
  viewer: string;
  limit: number;
}

/** Time-ordered ceiling of the first page: later than any post. */
const TOP: TimeCursor = { at: 9e15, id: '' };

export interface PostsRepository {
  insert(post: NewPost): void;
  /** Author, time and text of a post, whatever the viewer. */
  owner(postId: string): PostOwnerRow | undefined;
  /** The post as the viewer sees it; undefined when missing or hidden by a block. */
  view(postId: string, viewer: string): Post | undefined;
  edit(postId: string, changes: { text: string; cashtags: string[]; mentions: string[]; idea: TradeIdea | null | undefined; editedAt: number }): void;
  delete(postId: string): void;
  image(imageId: string): { mime: ImageMime; bytes: Buffer; postId: string; authorId: string } | undefined;
  setLike(postId: string, userId: string, liked: boolean, now: number): { changed: boolean; likes: number };
  following(q: PageQuery, after: TimeCursor | null): Post[];
  byAuthor(authorId: string, q: PageQuery, after: TimeCursor | null): Post[];
  byStrategy(strategyId: string, q: PageQuery, after: TimeCursor | null): Post[];
  bySymbol(cashtag: string, q: PageQuery, after: TimeCursor | null): Post[];
  /** Trending as of `asOf`, with each post's score. */
  trending(q: PageQuery, asOf: number, after: TrendingCursor | null): Array<{ post: Post; score: number }>;
}

export function createPostsRepository(db: Database): PostsRepository {
  // The trending formula lives in TypeScript (unit-tested); SQLite calls it per candidate post.
  db.function('trending_score', { deterministic: true }, (likes, comments, ageMs) => trendingScore(Number(likes), Number(comments), Number(ageMs)));
  const insertPost = db.prepare(
    `INSERT INTO posts (post_id, author_id, text, cashtags, mentions, idea, image_id, strategy_id, created_at)
     VALUES (@postId, @authorId, @text, @cashtags, @mentions, @idea, @imageId, @strategyId, @createdAt)`,
  );
  const insertTag = db.prepare('INSERT OR IGNORE INTO post_cashtags (cashtag, post_id, created_at) VALUES (?, ?, ?)');
  const deleteTags = db.prepare('DELETE FROM post_cashtags WHERE post_id = ?');
  const insertImage = db.prepare('INSERT INTO post_images (image_id, post_id, mime, bytes) VALUES (?, ?, ?, ?)');
  const owner = db.prepare('SELECT post_id, author_id, created_at, mentions, text FROM posts WHERE post_id = ?');
  const view = db.prepare(`SELECT ${POST_COLUMNS} FROM posts p JOIN users u ON u.user_id = p.author_id WHERE p.post_id = @postId AND ${NOT_BLOCKED}`);
  const editText = db.prepare('UPDATE posts SET text = @text, cashtags = @cashtags, mentions = @mentions, edited_at = @editedAt WHERE post_id = @postId');
  const editIdea = db.prepare('UPDATE posts SET idea = ? WHERE post_id = ?');
  const createdAt = db.prepare('SELECT created_at FROM posts WHERE post_id = ?').pluck();
  const remove = db.prepare('DELETE FROM posts WHERE post_id = ?');
  const image = db.prepare('SELECT i.mime, i.bytes, i.post_id, p.author_id FROM post_images i JOIN posts p ON p.post_id = i.post_id WHERE i.image_id = ?');
  const like = db.prepare('INSERT OR IGNORE INTO likes (post_id, user_id, created_at) VALUES (?, ?, ?)');
  const unlike = db.prepare('DELETE FROM likes WHERE post_id = ? AND user_id = ?');
  const likes = db.prepare('SELECT likes FROM posts WHERE post_id = ?').pluck();

  const page = (where: string, from = 'posts p') =>
    db.prepare(`
      SELECT ${POST_COLUMNS} FROM ${from} JOIN users u ON u.user_id = p.author_id
      WHERE ${where} AND (p.created_at, p.post_id) < (@at, @id) AND ${NOT_BLOCKED}
      ORDER BY p.created_at DESC, p.post_id DESC LIMIT @limit`);
  const following = page(`(p.author_id = @viewer
      OR p.author_id IN (SELECT followee_id FROM user_follows WHERE follower_id = @viewer)
      OR p.strategy_id IN (SELECT strategy_id FROM strategy_follows WHERE user_id = @viewer))`);
  const byAuthor = page('p.author_id = @key');
  const byStrategy = page('p.strategy_id = @key');
  // The cashtag index is ordered like the feed, so a symbol page is a range scan of it.
  const bySymbol = db.prepare(`
      SELECT ${POST_COLUMNS} FROM post_cashtags t JOIN posts p ON p.post_id = t.post_id JOIN users u ON u.user_id = p.author_id
      WHERE t.cashtag = @key AND (t.created_at, t.post_id) < (@at, @id) AND ${NOT_BLOCKED}
      ORDER BY t.created_at DESC, t.post_id DESC LIMIT @limit`);
  const trending = db.prepare(`
      SELECT ${POST_COLUMNS}, trending_score(p.likes, p.comments, @asOf - p.created_at) AS score
      FROM posts p JOIN users u ON u.user_id = p.author_id
      WHERE p.created_at > @since AND p.created_at <= @asOf AND ${NOT_BLOCKED}
        AND (score < @score OR (score = @score AND p.post_id < @id))
      ORDER BY score DESC, p.post_id DESC LIMIT @limit`);

  const run = (statement: ReturnType<typeof db.prepare>, q: PageQuery, after: TimeCursor | null, key = ''): Post[] => {
    const c = after ?? TOP;
    return statement.all({ viewer: q.viewer, limit: q.limit, at: c.at, id: c.id, key }).map(parsePost);
  };

  return {
    insert: db.transaction((post: NewPost) => {
      insertPost.run({
        postId: post.postId,
        authorId: post.authorId,
        text: post.text,
        cashtags: JSON.stringify(post.cashtags),
        mentions: JSON.stringify(post.mentions),
        idea: post.idea ? JSON.stringify(post.idea) : null,
        imageId: post.image?.imageId ?? null,
        strategyId: post.strategyId,
        createdAt: post.createdAt,
      });
      for (const tag of post.cashtags) insertTag.run(tag, post.postId, post.createdAt);
      if (post.image) insertImage.run(post.image.imageId, post.postId, post.image.mime, post.image.bytes);
    }),
    owner: (postId) => {
      const row = owner.get(postId);
      return row === undefined ? undefined : ownerRowSchema.parse(row);
    },
    view: (postId, viewer) => {
      const row = view.get({ postId, viewer });
      return row === undefined ? undefined : parsePost(row);
    },
    edit: db.transaction((postId: string, changes: Parameters<PostsRepository['edit']>[1]) => {
      editText.run({ postId, text: changes.text, cashtags: JSON.stringify(changes.cashtags), mentions: JSON.stringify(changes.mentions), editedAt: changes.editedAt });
      if (changes.idea !== undefined) editIdea.run(changes.idea === null ? null : JSON.stringify(changes.idea), postId);
      const at = z.int().parse(createdAt.get(postId));
      deleteTags.run(postId);
      for (const tag of changes.cashtags) insertTag.run(tag, postId, at);
    }),
    delete: (postId) => void remove.run(postId),
    image(imageId) {
      const row = image.get(imageId);
      if (row === undefined) return undefined;
      const r = imageRowSchema.parse(row);
      return { mime: r.mime, bytes: r.bytes, postId: r.post_id, authorId: r.author_id };
    },
    setLike: db.transaction((postId: string, userId: string, liked: boolean, now: number) => {
      const changed = (liked ? like.run(postId, userId, now) : unlike.run(postId, userId)).changes > 0;
      return { changed, likes: z.int().parse(likes.get(postId)) };
    }),
    following: (q, after) => run(following, q, after),
    byAuthor: (authorId, q, after) => run(byAuthor, q, after, authorId),
    byStrategy: (strategyId, q, after) => run(byStrategy, q, after, strategyId),
    bySymbol: (cashtag, q, after) => run(bySymbol, q, after, cashtag),
    trending(q, asOf, after) {
      const rows = trending.all({ viewer: q.viewer, limit: q.limit, asOf, since: asOf - TRENDING_WINDOW_MS, score: after?.score ?? Number.MAX_VALUE, id: after?.id ?? '\uffff' }) as Array<Record<string, unknown>>;
      return rows.map((row) => ({ post: parsePost(row), score: z.number().parse(row.score) }));
    },
  };
}
