/**
 * Fields that well-known Caffe forks added to their caffe.proto. BVLC Caffe rejects them like any
 * unknown field; naming the fork tells the user why a file from such a project fails here.
 * Keyed by the message that the fork extended, then by field name.
 */
export const FORK_FIELDS: Record<string, Record<string, string>> = {
  'caffe.LayerParameter': {
    roi_pooling_param: 'the Fast/Faster R-CNN fork (rbgirshick/caffe-fast-rcnn)',
    smooth_l1_loss_param: 'the Faster R-CNN forks',
    annotated_data_param: 'the SSD fork (weiliu89/caffe)',
    detection_evaluate_param: 'the SSD fork (weiliu89/caffe)',
    detection_output_param: 'the SSD fork (weiliu89/caffe)',
    multibox_loss_param: 'the SSD fork (weiliu89/caffe)',
    norm_param: 'the SSD fork (weiliu89/caffe)',
    permute_param: 'the SSD fork (weiliu89/caffe)',
    prior_box_param: 'the SSD fork (weiliu89/caffe)',
    video_data_param: 'the SSD fork (weiliu89/caffe)',
    bn_param: 'batch-normalisation forks such as SegNet (alexgkendall/caffe-segnet)',
    upsample_param: 'the SegNet fork (alexgkendall/caffe-segnet)',
    interp_param: 'the DeepLab / PSPNet forks',
    shuffle_channel_param: 'ShuffleNet forks',
    reorg_param: 'YOLO ports of Caffe',
    region_param: 'YOLO ports of Caffe',
    quantization_param: 'the Ristretto / quantisation forks',
    axpy_param: 'the SENet fork (hujie-frank/SENet)',
  },
  'caffe.ConvolutionParameter': {
    winograd_param: 'Intel-flavoured forks',
  },
  'caffe.DropoutParameter': {
    scale_train: 'the Fast/Faster R-CNN fork (rbgirshick/caffe-fast-rcnn)',
  },
  'caffe.PoolingParameter': {
    ceil_mode: 'forks that adopted the unmerged BVLC pull request #3057 (floor or ceil output sizes)',
  },
};

export function forkOf(messageFullName: string, fieldName: string): string | undefined {
  return FORK_FIELDS[messageFullName]?.[fieldName];
}
