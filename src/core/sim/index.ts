/**
 * The simulated community of an embedded hub: traders with distinct styles, trading paper
 * accounts on the synthetic market and publishing signed strategy streams, posting in character.
 */
export { startCommunity, type Community, type CommunityDeps } from './start-community';
