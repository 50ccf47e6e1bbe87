import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreTimelineRepository } from './adapters/firestore-timeline.repository';
import { InMemoryTimelineRepository } from './adapters/in-memory-timeline.repository';
import { TimelineClipEditsService } from './timeline-clip-edits.service';
import { TimelineClipsController } from './timeline-clips.controller';
import { TimelineClipsService } from './timeline-clips.service';
import { TimelineProjectsController } from './timeline-projects.controller';
import { TimelineProjectsService } from './timeline-projects.service';
import { TimelineSequencesController } from './timeline-sequences.controller';
import { TimelineSequencesService } from './timeline-sequences.service';
import { TimelineTracksController } from './timeline-tracks.controller';
import { TimelineTracksService } from './timeline-tracks.service';
import { TimelineTransitionsController } from './timeline-transitions.controller';
import { TimelineTransitionsService } from './timeline-transitions.service';
import { TimelineRepository } from './timeline.repository';
import { TIMELINE_KIND } from './timeline.types';

const CONTROLLERS = [
  TimelineProjectsController,
  TimelineSequencesController,
  TimelineTracksController,
  TimelineClipsController,
  TimelineTransitionsController,
];

const SERVICES = [
  TimelineProjectsService,
  TimelineSequencesService,
  TimelineTracksService,
  TimelineClipsService,
  TimelineClipEditsService,
  TimelineTransitionsService,
];

/** timeline: video projects → sequences → tracks → clips, plus transitions, and clip editing. */
@Module({
  controllers: CONTROLLERS,
  providers: [
    provideRoutedRepository(
      TimelineRepository,
      TIMELINE_KIND,
      {
        firestore: (fs) => new FirestoreTimelineRepository(fs),
        memory: () => new InMemoryTimelineRepository(),
      },
      { reads: ['get', 'children', 'listProjects'] },
    ),
    ...SERVICES,
  ],
  exports: SERVICES,
})
export class TimelineModule {}
